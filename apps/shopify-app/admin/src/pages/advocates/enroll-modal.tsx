// "Enrol customer": an email (and optionally a first name) into the active programme. A customer
// who already is an advocate is opened instead; the server's field errors show under the field.
import { FormLayout, Modal, TextField } from '@shopify/polaris';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useEnrollAdvocate } from '../../api/advocates.js';
import { ApiError, errorMessage } from '../../api/client.js';

type Props = { open: boolean; onClose: () => void; onEnrolled: (message: string) => void };

export function EnrollModal({ open, onClose, onEnrolled }: Props) {
  const enroll = useEnrollAdvocate();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [firstName, setFirstName] = useState('');
  const fields = enroll.error instanceof ApiError ? (enroll.error.body.fields ?? {}) : {};
  const generalError = enroll.error && !fields.email && !fields.firstName ? errorMessage(enroll.error) : null;

  const close = () => {
    enroll.reset();
    setEmail('');
    setFirstName('');
    onClose();
  };
  const submit = () => {
    if (!email.trim()) return;
    enroll.mutate(
      { email, ...(firstName.trim() ? { firstName } : {}) },
      {
        onSuccess: (result) => {
          onEnrolled(result.created ? 'Customer enrolled' : 'This customer is already an advocate');
          close();
          navigate(`/advocates/${result.advocateId}`);
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      onClose={close}
      title="Enrol a customer"
      primaryAction={{
        content: 'Enrol',
        onAction: submit,
        loading: enroll.isPending,
        disabled: enroll.isPending || !email.trim(),
      }}
      secondaryActions={[{ content: 'Cancel', onAction: close }]}
    >
      <Modal.Section>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <FormLayout>
            <TextField
              label="Email"
              type="email"
              autoComplete="email"
              value={email}
              onChange={setEmail}
              error={fields.email?.[0] ?? generalError ?? undefined}
              helpText="They join your active programme and get their own code and link straight away. Enrol only customers who agreed to take part."
            />
            <TextField
              label="First name (optional)"
              autoComplete="given-name"
              value={firstName}
              onChange={setFirstName}
              error={fields.firstName?.[0]}
            />
          </FormLayout>
        </form>
      </Modal.Section>
    </Modal>
  );
}
