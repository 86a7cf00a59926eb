export { DEMO_ACCOUNTS, isSeeded, seedDemo, type TDemoAccount } from "./demo";
export { GENERATED_FAMILY_PASSWORD, seedFamilies } from "./families";
