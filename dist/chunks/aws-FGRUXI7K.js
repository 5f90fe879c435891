import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{c as a,d as b,e as c}from"./chunk-XHSIPRIU.js";import"./chunk-BUO6L7A4.js";import"./chunk-AAEBBTK3.js";import"./chunk-55PNPI6Q.js";export{b as CANCELLED_ERROR,a as RUN_TIMEOUT_ERROR,c as createAwsEngine};
