import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  POD_STUCK_ERROR,
  RUN_EXIT_CODES,
  decideOutcome,
  executionArnOf,
  runWorkflow
} from "./chunk-LOS43TKN.js";
import "./chunk-L5RGL6WF.js";
import "./chunk-VETK55YL.js";
import "./chunk-IBVQKSO5.js";
import "./chunk-J7DIGPFP.js";
import "./chunk-VL6DFSIU.js";
import "./chunk-HANBNIMK.js";
export {
  POD_STUCK_ERROR,
  RUN_EXIT_CODES,
  decideOutcome,
  executionArnOf,
  runWorkflow
};
