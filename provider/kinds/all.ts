// Every connector kind's spec, and nothing else: readers such as the plan reporter take the rules from
// here without loading the lifecycle. A new kind is one spec file listed here.
import { contactCenter } from "./contact-center";
import { custom } from "./custom";
import { experienceManagement } from "./experience-management";
import { google } from "./google";
import { googleCcai } from "./google-ccai";
import { salesforce } from "./salesforce";
import type { KindSpec } from "./spec";

export const KINDS: readonly KindSpec[] = [
  salesforce,
  google,
  googleCcai,
  experienceManagement,
  custom,
  contactCenter,
];
