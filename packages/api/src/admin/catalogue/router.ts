import type { TRPCRouterRecord } from "@trpc/server";
import {
  createActivity,
  getActivity,
  listActivities,
  setActivityActive,
  setTariffs,
  updateActivity,
} from "./activities";
import { copySeasonCatalogue } from "./copy-season";
import { createGroup, deleteGroup, updateGroup } from "./groups";
import { createSession, deleteSession, updateSession } from "./sessions";
import { listActivityTypes, updateActivityType } from "./types";

/** The admins' catalogue: activity types, activities and tariffs, EMS groups, TJ sessions. */
export const catalogueRouter = {
  types: listActivityTypes,
  updateType: updateActivityType,
  activities: listActivities,
  activity: getActivity,
  createActivity,
  updateActivity,
  setActivityActive,
  setTariffs,
  createGroup,
  updateGroup,
  deleteGroup,
  createSession,
  updateSession,
  deleteSession,
  copySeason: copySeasonCatalogue,
} satisfies TRPCRouterRecord;
