// Polaris needs its AppProvider around anything it renders.
import { AppProvider } from '@shopify/polaris';
import en from '@shopify/polaris/locales/en.json';
import { cleanup, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach } from 'vitest';

afterEach(cleanup);

export const renderWithPolaris = (ui: ReactElement) => render(<AppProvider i18n={en}>{ui}</AppProvider>);
