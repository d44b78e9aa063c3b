// Account keys. Signed amounts: debit positive, credit negative.
//  expense:referrals      what referrals cost the merchant (debit-normal)
//  held:<advocate>        rewards granted but inside the hold window (liability, credit-normal)
//  payable:<advocate>     released, waiting to be issued on the platform (liability)
//  issued:<advocate>      value handed out on the platform (store credit, gift card, points)
//  receivable:<advocate>  what an advocate owes back after a claw-back fell short (asset)
export const accountKeys = {
  expense: 'expense:referrals',
  held: (advocateOrRecipient: string) => `held:${advocateOrRecipient}`,
  payable: (advocateOrRecipient: string) => `payable:${advocateOrRecipient}`,
  issued: (advocateOrRecipient: string) => `issued:${advocateOrRecipient}`,
  receivable: (advocateOrRecipient: string) => `receivable:${advocateOrRecipient}`,
} as const;
