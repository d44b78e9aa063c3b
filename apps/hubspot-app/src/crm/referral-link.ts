// An advocate's referral link as the Shopify app serves it: `${base}/r/CODE?shop=DOMAIN`.
export const referralLinkFor =
  (baseUrl: string) =>
  (code: string, shopDomain: string | null): string => {
    const link = `${baseUrl.replace(/\/+$/, '')}/r/${encodeURIComponent(code)}`;
    return shopDomain ? `${link}?shop=${encodeURIComponent(shopDomain)}` : link;
  };
