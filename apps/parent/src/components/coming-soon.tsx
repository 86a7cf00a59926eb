import type { ReactNode } from "react";
import { BackToSpace, Page } from "./page";

/** A page whose online version is not ready yet: says so plainly, and what to do meanwhile. */
export function ComingSoon(props: { title: string; children: ReactNode }) {
  return (
    <Page title={props.title}>
      <div className="card card--notice">{props.children}</div>
      <BackToSpace />
    </Page>
  );
}
