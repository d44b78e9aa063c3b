// A programme's status with its tone.
import type { ProgramStatus } from '@referrals/shopify-app/admin-contract';
import { Badge } from '@shopify/polaris';

const looks: Record<ProgramStatus, { tone: 'success' | 'attention' | undefined; label: string }> = {
  active: { tone: 'success', label: 'Active' },
  paused: { tone: 'attention', label: 'Paused' },
  archived: { tone: undefined, label: 'Archived' },
};

export function ProgramStatusBadge({ status }: { status: ProgramStatus }) {
  const look = looks[status];
  return look.tone ? <Badge tone={look.tone}>{look.label}</Badge> : <Badge>{look.label}</Badge>;
}
