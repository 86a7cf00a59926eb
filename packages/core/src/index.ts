export { ageOn, parisDay, type TDay, TIME_ZONE } from "./dates";
export { formatEuros } from "./money";
