import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{d as a,e as b,f as c}from"./chunk-APO75T6O.js";import"./chunk-SLAACN5M.js";import"./chunk-NZZBMIPX.js";import"./chunk-RYLRO35B.js";import"./chunk-55PNPI6Q.js";export{b as CANCELLED_ERROR,a as RUN_TIMEOUT_ERROR,c as createAwsEngine};
