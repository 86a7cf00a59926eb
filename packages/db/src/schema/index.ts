export * from "./activities";
export * from "./baskets";
export * from "./bookings";
export * from "./content";
export * from "./dossiers";
export * from "./households";
export * from "./seasons";
export * from "./users";
