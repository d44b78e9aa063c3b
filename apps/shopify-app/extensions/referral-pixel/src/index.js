// Entry point Shopify CLI bundles (with @shopify/web-pixels-extension's `register`) into the pixel.
import { register } from '@shopify/web-pixels-extension';
import { referralPixel } from './pixel.js';

register(referralPixel);
