import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  EXECUTION_NAME_MAX_LENGTH,
  executionNameForRun,
  executionNameFrom,
  isValidExecutionName,
  parseExecutionName
} from "./chunk-J7DIGPFP.js";
import "./chunk-VL6DFSIU.js";
import "./chunk-HANBNIMK.js";
export {
  EXECUTION_NAME_MAX_LENGTH,
  executionNameForRun,
  executionNameFrom,
  isValidExecutionName,
  parseExecutionName
};
