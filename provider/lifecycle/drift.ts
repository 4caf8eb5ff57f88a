// Changes made outside Pulumi between the last refresh and this update. The PUT carries the whole object
// with the version just read, so no conflict stops it from overwriting them: the operator is told instead.
import type { KindSpec } from "../kinds/spec";
import type { Connector } from "../webex/types";
import { echoedInputs } from "./create";
import { kindInputs } from "./outputs";
import { differs, type Values } from "./values";

/**
 * The non-secret fields the program left as recorded but that differ on the live connector, worded for a
 * warning, or undefined when there are none.
 */
export function liveDrift(
  spec: KindSpec,
  recorded: Values,
  desired: Values,
  live: Connector,
): string | undefined {
  const was = { ...echoedInputs(spec, recorded), description: recorded.description ?? "" };
  const wanted = { ...echoedInputs(spec, desired), description: desired.description ?? "" };
  const now = { ...echoedInputs(spec, kindInputs(spec, live, {})), description: live.description ?? "" };
  const drifted = Object.keys({ ...was, ...now }).filter(
    (key) =>
      !differs((was as Values)[key], (wanted as Values)[key]) &&
      differs((was as Values)[key], (now as Values)[key]),
  );
  if (drifted.length === 0) return undefined;
  const shown = drifted
    .map(
      (key) =>
        `${key} (state: ${JSON.stringify((was as Values)[key])}, live: ${JSON.stringify((now as Values)[key])})`,
    )
    .join(", ");
  return (
    `changed outside Pulumi since the state was last refreshed: ${shown}. The program does not change ` +
    `${drifted.length === 1 ? "this field" : "these fields"}, but this update writes the whole connector, so the ` +
    `outside change is replaced by the program's values. Run pulumi refresh before pulumi up to see such changes in the preview.`
  );
}
