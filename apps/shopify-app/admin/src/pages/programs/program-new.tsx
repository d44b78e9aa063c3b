// A new programme: the form with a sensible start, its preview, and its first version on save.
import { Card, Page, SkeletonBodyText, SkeletonPage } from '@shopify/polaris';
import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client.js';
import { useCreateProgram, useShopMoney } from '../../api/programs.js';
import { PageError } from '../../components/page-error.js';
import { defaultRules, draftFromRules } from './program-draft.js';
import { ProgramForm } from './program-form.js';

export function ProgramNewPage() {
  const shop = useShopMoney();
  const create = useCreateProgram();
  const navigate = useNavigate();
  const currency = shop.currency;
  const initial = useMemo(
    () => (currency ? draftFromRules(defaultRules(currency), currency) : null),
    [currency],
  );

  if (shop.isPending) {
    return (
      <SkeletonPage title="New programme" backAction>
        <Card>
          <SkeletonBodyText lines={8} />
        </Card>
      </SkeletonPage>
    );
  }
  if (shop.isError || !currency || !initial) {
    return (
      <Page title="New programme" backAction={{ content: 'Programmes', url: '/programs' }}>
        <PageError error={shop.error} onRetry={() => void shop.refetch()} />
      </Page>
    );
  }
  const failure = create.error;
  return (
    <Page title="New programme" backAction={{ content: 'Programmes', url: '/programs' }}>
      <ProgramForm
        initial={initial}
        currency={currency}
        locale={shop.locale}
        askName
        submitLabel="Create programme"
        pending={create.isPending}
        serverErrors={failure instanceof ApiError ? failure.body.fields : undefined}
        serverMessage={failure ? errorMessage(failure) : undefined}
        onCancel={() => navigate('/programs')}
        onSubmit={(values) =>
          create.mutate(values, {
            onSuccess: ({ programId }) =>
              navigate(`/programs/${programId}`, { state: { toast: 'Programme created' } }),
          })
        }
      />
    </Page>
  );
}
