/** The resource files the simulator serves, in the order of Asterisk's own listing. */
import { applicationsDoc, asteriskDoc, endpointsDoc } from './applications-doc.ts';
import { bridgesDoc } from './bridges-doc.ts';
import { channelsDoc } from './channels-doc.ts';
import { eventsDoc } from './events-doc.ts';
import { playbacksDoc } from './playbacks-doc.ts';
import { recordingsDoc } from './recordings-doc.ts';
import { type ResourceDoc, resourceDeclaration, resourceListing } from './swagger-builder.ts';

export const resourceDocs: ResourceDoc[] = [
  asteriskDoc,
  endpointsDoc,
  channelsDoc,
  bridgesDoc,
  recordingsDoc,
  playbacksDoc,
  eventsDoc,
  applicationsDoc,
];

/** `GET /ari/api-docs/resources.json` with an absolute basePath taken from the Host header. */
export function listingFor(host: string): Record<string, unknown> {
  return resourceListing(resourceDocs, `http://${host}/ari`);
}

/** `GET /ari/api-docs/<name>.json`, or null for an unknown resource. */
export function declarationFor(name: string, host: string): Record<string, unknown> | null {
  const doc = resourceDocs.find((d) => d.resource === name);
  return doc ? resourceDeclaration(doc, `http://${host}/ari`) : null;
}

/** Event types the served events.json declares (a test checks every emitted type is among them). */
export const declaredEventTypes = new Set(eventsDoc.models.map((m) => m.id));
