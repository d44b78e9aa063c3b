// A RewardIssuer for tests only: records every call, can be told to fail or to fall short,
// and (like a real adapter) answers a repeated idempotency key with the first result.
import type { ClawBackRequest, IssueRewardRequest, RewardIssuer } from '../ports.js';

export class RecordingRewardIssuer implements RewardIssuer {
  readonly issued: IssueRewardRequest[] = [];
  readonly clawedBack: ClawBackRequest[] = [];
  private readonly refs = new Map<string, string>();
  private readonly recovered = new Map<string, number>();
  /** Credit still on each recipient's platform account, for claw-back shortfalls. */
  readonly balances = new Map<string, number>();
  failNextIssue: Error | null = null;

  async issue(request: IssueRewardRequest): Promise<{ platformRef: string }> {
    if (this.failNextIssue) {
      const error = this.failNextIssue;
      this.failNextIssue = null;
      throw error;
    }
    const known = this.refs.get(request.idempotencyKey);
    if (known) return { platformRef: known };
    this.issued.push(request);
    const ref = `gid://test/StoreCreditAccountTransaction/${this.issued.length}`;
    this.refs.set(request.idempotencyKey, ref);
    const who = request.recipientCustomerId ?? 'unknown';
    this.balances.set(who, (this.balances.get(who) ?? 0) + request.amountMinor);
    return { platformRef: ref };
  }

  async clawBack(request: ClawBackRequest): Promise<{ recoveredMinor: number }> {
    const known = this.recovered.get(request.idempotencyKey);
    if (known !== undefined) return { recoveredMinor: known };
    this.clawedBack.push(request);
    const who = [...this.balances.keys()].find((k) =>
      this.issued.some((i) => i.rewardId === request.rewardId && i.recipientCustomerId === k),
    );
    const available = who ? (this.balances.get(who) ?? 0) : 0;
    const taken = Math.min(available, request.amountMinor);
    if (who) this.balances.set(who, available - taken);
    this.recovered.set(request.idempotencyKey, taken);
    return { recoveredMinor: taken };
  }

  /** Simulates the recipient spending store credit, so a later claw-back falls short. */
  spend(recipientCustomerId: string, amountMinor: number): void {
    this.balances.set(
      recipientCustomerId,
      Math.max(0, (this.balances.get(recipientCustomerId) ?? 0) - amountMinor),
    );
  }
}
