// Hooks for referrals and the review queue (one hook per resource).
/** How many referrals wait in the review queue (shown in the navigation). */
export function useReviewQueueCount(): number | undefined {
  return undefined;
}
