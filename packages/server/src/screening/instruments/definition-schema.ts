import { Type, type TSchema } from 'typebox';

/**
 * Wire shape of an instrument definition (`InstrumentDefinition` in @yuxin/core). Strict objects, so a typo
 * in an edited definition is named instead of silently dropped. The shape alone does not make a definition
 * usable: `checkDefinition` in core checks that the parts fit together.
 */

const strict = { additionalProperties: false } as const;
/** Scores, cut-offs and answer codes: far beyond any instrument, small enough for every column and sum. */
const Score = Type.Integer({ minimum: -100_000, maximum: 100_000 });
const Text = Type.String({ minLength: 1, maxLength: 4000 });
const Id = Type.String({ maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' });
const Loinc = Type.String({ maxLength: 12, pattern: '^[A-Z]{0,2}[0-9]{1,8}-[0-9]$' });

export const CodeSchema = Type.String({ maxLength: 32, pattern: '^[a-z][a-z0-9_]{0,31}$' });
export const BilingualSchema = Type.Object({ zh: Text, en: Text }, strict);

const AnswerOptionSchema = Type.Object(
  { code: Type.Integer({ minimum: -1000, maximum: 1000 }), label: BilingualSchema, loinc: Type.Optional(Loinc) },
  strict,
);
const Options = Type.Array(AnswerOptionSchema, { minItems: 1, maxItems: 20 });

const ItemSchema = Type.Object(
  {
    id: Id,
    number: Type.Integer({ minimum: 1, maximum: 1000 }),
    linkId: Id,
    text: BilingualSchema,
    loinc: Type.Optional(Loinc),
    reverse: Type.Optional(Type.Boolean()),
    subscale: Type.Optional(Id),
    required: Type.Optional(Type.Boolean()),
    critical: Type.Optional(Type.Boolean()),
    options: Type.Optional(Options),
  },
  strict,
);

const Grade = Type.Integer({ minimum: 1, maximum: 12 });
const Age = Type.Integer({ minimum: 0, maximum: 30 });
const AudienceSchema = Type.Object(
  {
    minAge: Type.Optional(Age),
    maxAge: Type.Optional(Age),
    grades: Type.Optional(Type.Object({ min: Grade, max: Grade }, strict)),
    note: Type.Optional(BilingualSchema),
  },
  strict,
);

const LicenceSchema = Type.Object(
  { text: Text, source: Type.String({ maxLength: 4000 }), displayFooter: Type.Optional(Type.Boolean()) },
  strict,
);

const TranslationStatusSchema = Type.Object(
  {
    zh: Type.Enum(['verified', 'unverified']),
    zhOrigin: Type.Enum(['catalog', 'platform']),
    note: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  strict,
);

// One object rather than a union per treatment: a union's errors name every branch and help nobody.
// `maxMissing` being present when needed is checked in definition-check.ts.
const MissingSchema = Type.Object(
  {
    treatment: Type.Enum(['none_allowed', 'prorate', 'zero']),
    maxMissing: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  },
  strict,
);
const Direction = Type.Enum(['higher_is_worse', 'lower_is_worse']);
const RangeBandSchema = Type.Object({ id: Id, label: BilingualSchema, min: Score, max: Score }, strict);
const RangeBands = Type.Array(RangeBandSchema, { minItems: 1, maxItems: 20 });
const NamedBandSchema = Type.Object({ id: Id, label: BilingualSchema }, strict);
const ItemNumber = Type.Integer({ minimum: 1, maximum: 1000 });

/** The scoring kinds the scorer in @yuxin/core implements; anything else could never be scored. */
export const SCORING_KINDS = ['sum', 'who5', 'psc17', 'asq'] as const;
export type KnownScoringKind = (typeof SCORING_KINDS)[number];

const SumSchema = Type.Object(
  {
    kind: Type.Literal('sum'),
    direction: Direction,
    missing: MissingSchema,
    bands: RangeBands,
    critical: Type.Array(Type.Object({ flag: Id, item: ItemNumber, minAnswer: Score }, strict), {
      maxItems: 20,
    }),
  },
  strict,
);
const Who5Schema = Type.Object(
  {
    kind: Type.Literal('who5'),
    direction: Direction,
    multiplier: Type.Number({ minimum: -1000, maximum: 1000 }),
    rawSubscale: Id,
    missing: MissingSchema,
    bands: RangeBands,
  },
  strict,
);
const Psc17Schema = Type.Object(
  {
    kind: Type.Literal('psc17'),
    totalCutoff: Score,
    subscales: Type.Array(Type.Object({ id: Id, label: BilingualSchema, cutoff: Score }, strict), {
      minItems: 1,
      maxItems: 10,
    }),
    missing: MissingSchema,
    bands: Type.Object(
      { totalPositive: NamedBandSchema, subscalePositive: NamedBandSchema, negative: NamedBandSchema },
      strict,
    ),
  },
  strict,
);
const AsqSchema = Type.Object(
  {
    kind: Type.Literal('asq'),
    screenItems: Type.Array(ItemNumber, { minItems: 1, maxItems: 20 }),
    acuityItem: ItemNumber,
    yesCode: Score,
    flags: Type.Object({ positive: Id, acute: Id }, strict),
    bands: Type.Object(
      { negative: NamedBandSchema, nonAcutePositive: NamedBandSchema, acutePositive: NamedBandSchema },
      strict,
    ),
  },
  strict,
);

export const SCORING_SCHEMAS: Record<KnownScoringKind, TSchema> = {
  sum: SumSchema,
  who5: Who5Schema,
  psc17: Psc17Schema,
  asq: AsqSchema,
};

function definitionSchema<S extends TSchema>(scoring: S) {
  return Type.Object(
    {
      code: CodeSchema,
      // The server numbers stored versions; an edited definition may carry the version it was based on.
      version: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
      name: BilingualSchema,
      shortName: Type.String({ minLength: 1, maxLength: 32 }),
      respondent: Type.Enum(['self', 'guardian']),
      audience: AudienceSchema,
      riskScreen: Type.Boolean(),
      optional: Type.Boolean(),
      stem: BilingualSchema,
      options: Options,
      items: Type.Array(ItemSchema, { minItems: 1, maxItems: 200 }),
      scoring,
      licence: LicenceSchema,
      loinc: Type.Optional(Type.Object({ panel: Type.Optional(Loinc), total: Type.Optional(Loinc) }, strict)),
      translationStatus: TranslationStatusSchema,
    },
    { ...strict, description: 'An instrument definition (see the instrument catalog).' },
  );
}

/**
 * Request body of an edit. Only the scoring kind is checked here, so an unknown kind is refused by name; the
 * kind's own fields are checked against `SCORING_SCHEMAS` afterwards, which gives errors for that kind only.
 */
export const DefinitionBody = definitionSchema(
  // The kind's own fields are checked after this, so the open object is still bounded before it is used.
  Type.Object({ kind: Type.Enum([...SCORING_KINDS]) }, { additionalProperties: true, maxProperties: 20 }),
);

/** A stored definition as the API returns it. */
export const DefinitionView = definitionSchema(Type.Union([SumSchema, Who5Schema, Psc17Schema, AsqSchema]));
