// The catalogue routes (catalogue-routes.ts) in the issuer's OpenAPI document.
import {
  jsonResponse as json,
  objectSchema,
  operation as op,
  pathParam,
  problemResponse,
  queryParam,
  type OpenApiObject,
} from '@skills-passport/service-kit';

const problem = problemResponse();
const staff = [{ apiKey: [] }];
const slug = pathParam('slug', 'The training provider’s slug');
const moduleId = pathParam('moduleId', 'The module’s id in the catalogue');
const staffModuleId = pathParam('id', 'The module’s id in the catalogue');
const paging = [
  queryParam('page', { type: 'integer', minimum: 1, default: 1 }),
  queryParam('perPage', { type: 'integer', minimum: 1, maximum: 200, default: 50 }),
];
const ifNoneMatch = {
  name: 'If-None-Match',
  in: 'header',
  required: false,
  schema: { type: 'string' },
  description: 'The ETag of the copy the client holds: 304 when it is still current.',
};
const ifMatch = {
  name: 'If-Match',
  in: 'header',
  required: false,
  schema: { type: 'string' },
  description:
    'The ETag of the module as read ("v<version>"): the change is made only while the module is at that version, else 412 ERR_PRECONDITION_FAILED.',
};
const cached = { 304: { description: 'Not modified: the copy named by If-None-Match is current' } };
const alignment = {
  type: 'object',
  required: ['type', 'targetUrl', 'targetName', 'targetFramework', 'targetType'],
  properties: {
    type: { const: ['Alignment'] },
    targetUrl: { type: 'string', description: 'ESCO skill URI' },
    targetName: { type: 'string' },
    targetFramework: { const: 'ESCO' },
    targetType: { const: 'ext:ESCOSkill' },
  },
};
const offering = {
  type: 'object',
  required: ['mode', 'startDates', 'endsInMicroCredential'],
  additionalProperties: false,
  properties: {
    mode: { enum: ['online', 'classroom', 'blended', 'workplace'] },
    region: { type: 'string', maxLength: 100 },
    startDates: { type: 'array', maxItems: 24, items: { type: 'string', format: 'date' } },
    price: objectSchema({ amount: { type: 'number', minimum: 0 }, currency: { const: 'EUR' } }, [
      'amount',
      'currency',
    ]),
    endsInMicroCredential: { type: 'boolean' },
  },
};
const common = {
  name: { type: 'string', maxLength: 200 },
  description: { type: 'string', maxLength: 5000 },
  criteria: objectSchema({ narrative: 'string' }, ['narrative']),
  inLanguage: { enum: ['nl', 'en'] },
  qualificationLevel: {
    type: 'object',
    minProperties: 1,
    properties: {
      eqf: { type: 'integer', minimum: 1, maximum: 8 },
      nlqf: { enum: ['entry', '1', '2', '3', '4', '5', '6', '7', '8'] },
    },
  },
  studyLoad: {
    type: 'object',
    required: ['hours'],
    properties: {
      hours: { type: 'number', exclusiveMinimum: 0 },
      ects: { type: 'number', exclusiveMinimum: 0 },
    },
  },
  offering,
};
/** A published module: an Open Badges 3.0 Achievement with `offering`. */
const catalogueModule: OpenApiObject = {
  type: 'object',
  description:
    'An Open Badges 3.0 Achievement, the one a ModuleCredential for this module carries (id = its URL here), with offering',
  properties: {
    id: { type: 'string', format: 'uri' },
    type: { const: ['Achievement'] },
    achievementType: { enum: ['MicroCredential', 'Course'] },
    ...common,
    learningOutcomes: {
      type: 'array',
      items: objectSchema({ description: 'string', alignment: { type: 'array', items: alignment } }),
    },
    alignment: { type: 'array', items: alignment },
  },
};
const moduleInput: OpenApiObject = {
  type: 'object',
  required: [
    'name',
    'description',
    'criteria',
    'inLanguage',
    'learningOutcomes',
    'qualificationLevel',
    'studyLoad',
    'offering',
  ],
  additionalProperties: false,
  properties: {
    ...common,
    learningOutcomes: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: objectSchema(
        {
          description: 'string',
          alignment: {
            type: 'array',
            minItems: 1,
            maxItems: 20,
            items: objectSchema({ targetUrl: 'string', targetName: 'string' }, ['targetUrl', 'targetName']),
          },
        },
        ['description', 'alignment'],
      ),
    },
  },
};
const provider = objectSchema({ id: 'string', name: 'string', url: 'string' });
const staffItem: OpenApiObject = {
  type: 'object',
  properties: {
    moduleId: { type: 'string' },
    status: { enum: ['published', 'withdrawn'] },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    version: { type: 'integer' },
    module: catalogueModule,
  },
};

export const cataloguePaths: Record<string, Record<string, OpenApiObject>> = {
  '/api/catalogues': {
    get: op(
      'Public: the training providers that publish modules, with the URL of each catalogue (CORS *, ETag, max-age 300, rate-limited)',
      {
        200: json('Catalogues', {
          type: 'object',
          properties: {
            catalogues: {
              type: 'array',
              items: objectSchema({ provider, url: 'string', modules: 'integer' }),
            },
          },
        }),
        ...cached,
        429: problem,
      },
      { parameters: [ifNoneMatch] },
    ),
  },
  '/api/catalogues/{slug}': {
    get: op(
      'Public: one page of a training provider’s published modules, oldest first; next is the URL of the next page (CORS *, ETag, max-age 300, rate-limited)',
      {
        200: json('Catalogue page', {
          type: 'object',
          properties: {
            provider,
            page: { type: 'integer' },
            perPage: { type: 'integer' },
            total: { type: 'integer' },
            next: { type: 'string' },
            modules: { type: 'array', items: catalogueModule },
          },
        }),
        ...cached,
        404: problem,
        422: problem,
        429: problem,
      },
      { parameters: [slug, ...paging, ifNoneMatch] },
    ),
  },
  '/api/catalogues/{slug}/modules/{moduleId}': {
    get: op(
      'Public: one published module (404 when unknown or withdrawn)',
      { 200: json('Module', catalogueModule), ...cached, 404: problem, 429: problem },
      { parameters: [slug, moduleId, ifNoneMatch] },
    ),
  },
  '/api/catalogue': {
    get: op(
      'Training providers: the organisation’s own modules, withdrawn ones included, oldest first (403 ERR_FORBIDDEN for other kinds)',
      {
        200: json('Own modules', {
          type: 'object',
          properties: {
            page: { type: 'integer' },
            perPage: { type: 'integer' },
            total: { type: 'integer' },
            items: { type: 'array', items: staffItem },
          },
        }),
        401: problem,
        403: problem,
        422: problem,
      },
      { security: staff, parameters: paging },
    ),
  },
  '/api/catalogue/modules': {
    post: op(
      'Training providers: add a module, published at once; every field is checked (ERR_VALIDATION with a pointer per problem)',
      {
        201: json('Module', staffItem),
        401: problem,
        403: problem,
        413: problem,
        415: problem,
        422: problem,
      },
      { security: staff, requestBody: json('Module', moduleInput) },
    ),
  },
  '/api/catalogue/modules/{id}': {
    get: op(
      'Training providers: one own module',
      { 200: json('Module', staffItem), 401: problem, 403: problem, 404: problem },
      {
        security: staff,
        parameters: [staffModuleId],
      },
    ),
    put: op(
      'Training providers: change a module; its id and status stay',
      {
        200: json('Module', staffItem),
        401: problem,
        403: problem,
        404: problem,
        413: problem,
        412: problem,
        415: problem,
        422: problem,
      },
      { security: staff, parameters: [staffModuleId, ifMatch], requestBody: json('Module', moduleInput) },
    ),
    delete: op(
      'Training providers: withdraw a module; it leaves the public catalogue',
      { 200: json('Module', staffItem), 401: problem, 403: problem, 404: problem, 412: problem },
      { security: staff, parameters: [staffModuleId, ifMatch] },
    ),
  },
  '/api/catalogue/modules/{id}/publish': {
    post: op(
      'Training providers: publish a withdrawn module again',
      { 200: json('Module', staffItem), 401: problem, 403: problem, 404: problem, 412: problem },
      { security: staff, parameters: [staffModuleId, ifMatch] },
    ),
  },
};
