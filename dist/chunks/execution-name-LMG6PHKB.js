import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b,c,d,e}from"./chunk-XDOAXJMD.js";import"./chunk-AINIL7LU.js";import"./chunk-55PNPI6Q.js";export{a as EXECUTION_NAME_MAX_LENGTH,d as executionNameForRun,e as executionNameFrom,b as isValidExecutionName,c as parseExecutionName};
