// The advocate page's actions, each confirmed first: what it does in words, and the modal that
// asks (the page runs the action and closes it).
import { Modal, Text } from '@shopify/polaris';

export type AdvocateAction = 'disable' | 'rotate' | 'suspend' | 'reactivate';

const confirmations: Record<
  AdvocateAction,
  { title: string; body: string; action: string; destructive: boolean }
> = {
  disable: {
    title: 'Disable this code?',
    body: 'The code and the link stop crediting referrals at once. The advocate keeps what they earned. You can give them a fresh code later by rotating.',
    action: 'Disable code',
    destructive: true,
  },
  rotate: {
    title: 'Rotate this code?',
    body: 'The current code and link stop working and the advocate gets a new one, for example after the code leaked to a coupon site. Let them know their new link.',
    action: 'Rotate code',
    destructive: false,
  },
  suspend: {
    title: 'Suspend this advocate?',
    body: 'Their code and link stop crediting new referrals. Rewards already earned are not touched. You can reactivate them at any time.',
    action: 'Suspend',
    destructive: true,
  },
  reactivate: {
    title: 'Reactivate this advocate?',
    body: 'Their active code and link credit referrals again.',
    action: 'Reactivate',
    destructive: false,
  },
};

type Props = {
  action: AdvocateAction;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
};

export function ConfirmActionModal({ action, pending, onConfirm, onClose }: Props) {
  const dialog = confirmations[action];
  return (
    <Modal
      open
      onClose={onClose}
      title={dialog.title}
      primaryAction={{
        content: dialog.action,
        destructive: dialog.destructive,
        loading: pending,
        disabled: pending,
        onAction: onConfirm,
      }}
      secondaryActions={[{ content: 'Cancel', onAction: onClose }]}
    >
      <Modal.Section>
        <Text as="p">{dialog.body}</Text>
      </Modal.Section>
    </Modal>
  );
}
