import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{c as a,d as b,e as c}from"./chunk-TTWUAPM5.js";import"./chunk-BUO6L7A4.js";import"./chunk-NZZBMIPX.js";import"./chunk-55PNPI6Q.js";export{b as CANCELLED_ERROR,a as RUN_TIMEOUT_ERROR,c as createAwsEngine};
