import { ArgsType, Field, Float, ID, InputType, Int, type FieldOptions, type ReturnTypeFunc } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsUUID, ValidateNested } from 'class-validator';
import {
  AgreementDto,
  ChangeHoursDto,
  ConvertHoursDto,
  CreatePlacementDto,
  EmployerDto,
  EndPlacementDto,
  FollowUpRhythmDto,
  LogbookEntryDto,
  ObservationsDto,
  OverdueQuery,
  RecordFollowUpDto,
} from '../placements/placement.dto';
import {
  FollowUpModeEnum,
  FollowUpParticipantEnum,
  PlacementEndReasonEnum,
  PlacementTypeEnum,
} from './placement.types';

// GraphQL inputs are the REST bodies: each extends its REST DTO, so both edges apply the same validation rules and
// messages (the global validation pipe judges resolver arguments too), and only adds the GraphQL field metadata.

/** Adds GraphQL field metadata to a REST DTO's properties without redeclaring them. */
function graphqlFields(cls: abstract new () => object, specs: Record<string, [ReturnTypeFunc, FieldOptions?]>): void {
  for (const [name, [type, options]] of Object.entries(specs))
    Field(type, options ?? {})(cls.prototype as object, name);
}

@InputType()
export class EmployerInput extends EmployerDto {}
graphqlFields(EmployerInput, {
  cvr: [() => String],
  name: [() => String],
  pNumber: [() => String, { nullable: true }],
});

@InputType()
export class FollowUpRhythmInput extends FollowUpRhythmDto {}
graphqlFields(FollowUpRhythmInput, {
  citizenEveryDays: [() => Int],
  employerEveryDays: [() => Int],
});

@InputType()
export class AgreementInput extends AgreementDto {}
graphqlFields(AgreementInput, {
  workFunctions: [() => [String]],
  trainingGoals: [() => [String]],
  accommodations: [() => [String]],
  aids: [() => [String]],
  support: [() => [String]],
  daysPerWeek: [() => Int, { nullable: true }],
  followUp: [() => FollowUpRhythmInput],
  nextPaidHoursReview: [() => String, { nullable: true }],
});

@InputType()
export class CreatePlacementInput extends CreatePlacementDto {}
graphqlFields(CreatePlacementInput, {
  type: [() => PlacementTypeEnum],
  internal: [() => Boolean],
  employer: [() => EmployerInput],
  startDate: [() => String],
  plannedEndDate: [() => String, { nullable: true }],
  hoursPerWeek: [() => Float],
  paidHoursPerWeek: [() => Float, { nullable: true }],
  agreement: [() => AgreementInput],
});

@InputType()
export class ChangeHoursInput extends ChangeHoursDto {}
graphqlFields(ChangeHoursInput, {
  effectiveFrom: [() => String],
  hoursPerWeek: [() => Float],
  paidHoursPerWeek: [() => Float, { nullable: true }],
  reason: [() => String],
});

@InputType()
export class ConvertHoursInput extends ConvertHoursDto {}
graphqlFields(ConvertHoursInput, {
  effectiveFrom: [() => String],
  paidHoursPerWeek: [() => Float],
  hoursPerWeek: [() => Float, { nullable: true }],
  reason: [() => String],
});

@InputType()
export class ObservationsInput extends ObservationsDto {}
graphqlFields(ObservationsInput, {
  attendance: [() => String, { nullable: true }],
  tasksAndWorkCapacity: [() => String, { nullable: true }],
  motivation: [() => String, { nullable: true }],
  accommodationsAndQualityOfLife: [() => String, { nullable: true }],
  citizenAndEmployerViews: [() => String, { nullable: true }],
});

@InputType()
export class RecordFollowUpInput extends RecordFollowUpDto {}
graphqlFields(RecordFollowUpInput, {
  date: [() => String],
  mode: [() => FollowUpModeEnum],
  participants: [() => [FollowUpParticipantEnum]],
  attendancePct: [() => Float, { nullable: true }],
  effectivenessPct: [() => Float, { nullable: true }],
  observations: [() => ObservationsInput],
  nextFollowUp: [() => String, { nullable: true }],
});

@InputType()
export class LogbookEntryInput extends LogbookEntryDto {}
graphqlFields(LogbookEntryInput, {
  date: [() => String],
  hoursWorked: [() => Float],
  sick: [() => Boolean],
  leftEarly: [() => Boolean],
  leftEarlyReason: [() => String, { nullable: true }],
  tasks: [() => [String], { nullable: true }],
  breaks: [() => String, { nullable: true }],
  note: [() => String, { nullable: true }],
});

@InputType()
export class EndPlacementInput extends EndPlacementDto {}
graphqlFields(EndPlacementInput, {
  endDate: [() => String],
  reason: [() => PlacementEndReasonEnum],
});

// Resolver arguments come as one validated object each.

@ArgsType()
export class PlacementIdArgs {
  @Field(() => ID)
  @IsUUID()
  id: string;
}

@ArgsType()
export class OverdueArgs extends OverdueQuery {}
graphqlFields(OverdueArgs, {
  asOf: [() => String, { nullable: true, description: 'Date (YYYY-MM-DD); today in Denmark by default' }],
});

@ArgsType()
export class CreatePlacementArgs {
  @Field(() => ID)
  @IsUUID()
  referralId: string;

  @Field(() => CreatePlacementInput)
  @IsObject()
  @ValidateNested()
  @Type(() => CreatePlacementInput)
  input: CreatePlacementInput;
}

@ArgsType()
export class ChangeHoursArgs extends PlacementIdArgs {
  @Field(() => ChangeHoursInput)
  @IsObject()
  @ValidateNested()
  @Type(() => ChangeHoursInput)
  input: ChangeHoursInput;
}

@ArgsType()
export class ConvertHoursArgs extends PlacementIdArgs {
  @Field(() => ConvertHoursInput)
  @IsObject()
  @ValidateNested()
  @Type(() => ConvertHoursInput)
  input: ConvertHoursInput;
}

@ArgsType()
export class RecordFollowUpArgs extends PlacementIdArgs {
  @Field(() => RecordFollowUpInput)
  @IsObject()
  @ValidateNested()
  @Type(() => RecordFollowUpInput)
  input: RecordFollowUpInput;
}

@ArgsType()
export class LogbookArgs extends PlacementIdArgs {
  @Field(() => [LogbookEntryInput])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => LogbookEntryInput)
  entries: LogbookEntryInput[];
}

@ArgsType()
export class EndPlacementArgs extends PlacementIdArgs {
  @Field(() => EndPlacementInput)
  @IsObject()
  @ValidateNested()
  @Type(() => EndPlacementInput)
  input: EndPlacementInput;
}
