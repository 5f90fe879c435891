import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  CANCELLED_ERROR,
  RUN_TIMEOUT_ERROR,
  createAwsEngine
} from "./chunk-L5RGL6WF.js";
import "./chunk-IBVQKSO5.js";
import "./chunk-VL6DFSIU.js";
import "./chunk-HANBNIMK.js";
export {
  CANCELLED_ERROR,
  RUN_TIMEOUT_ERROR,
  createAwsEngine
};
