import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  DEFAULT_TASK_TIMEOUT_SECONDS,
  LOCAL_FAIL_SUFFIX,
  STOP_DELETES_RUNNING_JOBS,
  createLocalEngine,
  toProgressEvent,
  withIntrinsicFailPaths,
  withTaskTimeouts
} from "./chunk-24I6RCHW.js";
import "./chunk-VETK55YL.js";
import "./chunk-IBVQKSO5.js";
import "./chunk-VL6DFSIU.js";
import "./chunk-HANBNIMK.js";
export {
  DEFAULT_TASK_TIMEOUT_SECONDS,
  LOCAL_FAIL_SUFFIX,
  STOP_DELETES_RUNNING_JOBS,
  createLocalEngine,
  toProgressEvent,
  withIntrinsicFailPaths,
  withTaskTimeouts
};
