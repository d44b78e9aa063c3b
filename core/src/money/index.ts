export {
  applyBasisPoints,
  currencyExponent,
  currencySchema,
  decimalToMinor,
  type Money,
  minorUnitsSchema,
  moneySchema,
  POINTS_CURRENCY,
  prorate,
  type RoundingMode,
  roundDiv,
} from './money.js';
