import document from '../asyncapi.json';

/**
 * The AsyncAPI 3.0 document of every topic and event (libs/contracts/asyncapi.json), generated from proto/ and the
 * event registry by tools/contracts/asyncapi.ts (`npm run contracts:asyncapi`; ADR 0061). The gateway serves it at
 * /api/asyncapi.json. Imported as JSON so that `npm run build` copies it to dist/ and the images carry it.
 */
export const ASYNCAPI_DOCUMENT: Readonly<Record<string, unknown>> = document;
