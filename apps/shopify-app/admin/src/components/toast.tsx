// A toast after a save. Inside Shopify, App Bridge shows it (the admin has no Polaris Frame there);
// standalone, a Polaris Toast inside the App's Frame does. Render `toast` somewhere in the page.
import { Toast } from '@shopify/polaris';
import { type ReactNode, useCallback, useState } from 'react';

type AppBridgeToast = { toast?: { show(message: string, options?: { isError?: boolean }): void } };

export function useToast(): {
  show: (message: string, options?: { error?: boolean }) => void;
  toast: ReactNode;
} {
  const [message, setMessage] = useState<{ content: string; error: boolean } | null>(null);
  const show = useCallback((content: string, options: { error?: boolean } = {}) => {
    const bridge = (window.shopify as AppBridgeToast | undefined)?.toast;
    const embedded = window.top !== window.self && !window.shopify?.sandbox;
    if (embedded && bridge) bridge.show(content, { isError: options.error ?? false });
    else setMessage({ content, error: options.error ?? false });
  }, []);
  const toast = message ? (
    <Toast content={message.content} error={message.error} onDismiss={() => setMessage(null)} />
  ) : null;
  return { show, toast };
}
