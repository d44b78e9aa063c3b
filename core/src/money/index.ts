export {
  applyBasisPoints,
  currencyExponent,
  currencySchema,
  decimalToMinor,
  type Money,
  minorToDecimal,
  minorUnitsSchema,
  moneySchema,
  POINTS_CURRENCY,
  prorate,
  type RoundingMode,
  roundDiv,
} from './money.js';
