export { boot, type TRunning } from "./boot";
export { readConfig, type TServerConfig } from "./config";
export { createLog, type TLog } from "./log";
