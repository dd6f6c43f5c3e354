namespace CodingRules.Diagnostics;

/// <summary>
/// The one catalog of diagnostics. Ids are banded by phase and never reused:
/// CR1xxx reading, YAML and schema; CR2xxx expression syntax; CR3xxx names and types in expressions;
/// CR4xxx rule-set semantics; CR5xxx encounter input. <c>docs/diagnostics.md</c> lists every id (a test keeps it so).
/// </summary>
public static class DiagnosticDescriptors
{
#pragma warning disable CA1707 // Note: ids read best as CR1001_Name; they are constants of the contract.
#pragma warning disable CS1591 // Note: each descriptor documents itself (id, title, message); docs/diagnostics.md describes them.
    // ----- CR1xxx: files, YAML and schema -----
    public static readonly DiagnosticDescriptor CR1001_YamlSyntax = new("CR1001", "YAML syntax error", "YAML syntax error: {0}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR1002_FileUnreadable = new("CR1002", "File cannot be read", "The file cannot be read: {0}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR1003_MissingProperty = new("CR1003", "Required property missing", "Required property '{0}' is missing", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR1004_UnknownProperty = new("CR1004", "Unknown property", "Property '{0}' is not allowed here{1}; allowed: {2}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR1005_WrongType = new("CR1005", "Wrong value type", "Expected {0} but found {1}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR1006_ValueNotAllowed = new("CR1006", "Value not allowed", "Value '{0}' is not allowed here; expected {1}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR1007_SchemaViolation = new("CR1007", "Schema violation", "The value does not match the schema: {0}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR1008_DuplicateKey = new("CR1008", "Duplicate key", "Key '{0}' appears more than once in this mapping", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR1009_InputLimit = new("CR1009", "Input limit exceeded", "The file exceeds a limit: {0}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR1010_EmptyDocument = new("CR1010", "Empty document", "The file holds no document", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR1011_UnsupportedYaml = new("CR1011", "Unsupported YAML feature", "YAML {0} are not supported in rule files", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR1012_NoRuleFiles = new("CR1012", "No rule files", "No rule files (*.yaml, *.yml, *.json) were found under '{0}'", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR1014_UnsupportedCharacter = new("CR1014", "Unsupported character", "Character {0} is not allowed {1}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR1015_SeveralDocuments = new("CR1015", "More than one document", "The file holds more than one YAML document ('---' starts another); a rule or test file is one document", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR1016_NotARegularFile = new("CR1016", "Empty or not a regular file", "The file is empty or is not a regular file (a device, a pipe or a socket); it is not read", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR1017_NotText = new("CR1017", "Not a text file", "The file is not read: {0}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR1018_FileChanged = new("CR1018", "File changed while read", "The file was being written while it was read ({0} attempts); it is not used, so no half-written rule is loaded", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR1019_LinkOutside = new("CR1019", "Link outside the rules folder", "The file is a link to '{0}', outside the folder '{1}'; links are followed only inside the folder read", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR1013_PathNotFound = new("CR1013", "Path not found", "No file or folder '{0}'", DiagnosticSeverity.Error);

    // ----- CR2xxx: expression syntax -----
    public static readonly DiagnosticDescriptor CR2001_UnexpectedCharacter = new("CR2001", "Unexpected character", "Unexpected character '{0}' in expression", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR2002_UnterminatedString = new("CR2002", "Unterminated string", "String literal is not closed", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR2003_UnexpectedToken = new("CR2003", "Unexpected token", "Expected {0} but found {1}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR2004_TooDeep = new("CR2004", "Expression too deep", "Expression nests deeper than {0} levels", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR2005_InvalidNumber = new("CR2005", "Invalid number", "'{0}' is not a valid number", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR2006_UnterminatedPlaceholder = new("CR2006", "Unterminated placeholder", "Placeholder in message is not closed with '}}'", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR2007_TooLong = new("CR2007", "Expression too long", "Expression is longer than {0} characters", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR2008_UnknownEscape = new("CR2008", "Unknown escape", "'\\{0}' is not an escape of the language; the escapes are \\\" \\' \\\\ \\n \\t (write \\\\ for a backslash)", DiagnosticSeverity.Error);

    // ----- CR3xxx: names and types -----
    public static readonly DiagnosticDescriptor CR3001_UnknownName = new("CR3001", "Unknown name", "Unknown name '{0}'{1}; available here: {2}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR3002_UnknownField = new("CR3002", "Unknown field", "Type '{0}' has no field '{1}'{2}; fields: {3}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR3003_UnknownFunction = new("CR3003", "Unknown function", "Unknown function '{0}'{1}; functions: {2}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR3004_ArgumentCount = new("CR3004", "Wrong number of arguments", "Function '{0}' takes {1} but was given {2}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR3005_OperatorTypes = new("CR3005", "Operator type mismatch", "Operator '{0}' cannot be applied to {1} and {2}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR3006_NotBoolean = new("CR3006", "Condition not boolean", "A condition must be boolean but this expression is {0}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR3007_ArgumentType = new("CR3007", "Argument type mismatch", "Argument {0} of '{1}' must be {2} but is {3}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR3008_InvalidDate = new("CR3008", "Invalid date", "'{0}' is not a valid date (YYYY-MM-DD)", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR3009_UnaryType = new("CR3009", "Operator type mismatch", "Operator '{0}' cannot be applied to {1}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR3010_MixedList = new("CR3010", "Mixed list", "List elements must share one type; found {0} and {1}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR3011_LambdaExpected = new("CR3011", "Predicate expected", "Argument {0} of '{1}' must be a predicate such as 'x => x.side == \"left\"'", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR3013_UnknownTable = new("CR3013", "Unknown table", "Table '{0}' is not declared in 'tables'{1}; tables: {2}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR3014_MaybeMissing = new("CR3014", "Value may be missing", "'{0}' may be missing (its type is {1}) but '{2}' needs a value; guard it with has({0}) and ..., or give a default: ({0} ?? value)", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR3015_ExpressionType = new("CR3015", "Wrong expression type", "This expression must be {0} but is {1}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR3016_LambdaOutsideCall = new("CR3016", "Predicate outside a function call", "A predicate 'x => ...' is allowed only as an argument of a list function such as any, filter or map", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR3017_DefinitionCycle = new("CR3017", "Definition refers to itself", "Definition '{0}' refers to itself: {1}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR3018_TooCostly = new("CR3018", "Expression too costly", "The expression takes about {0} steps by itself (every list and text of the encounter taken as {2} items); at most {1} are allowed", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR3019_TooLarge = new("CR3019", "Expression too large", "The expression, with its definitions written out where they are used, has more than {0} parts", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR3020_DefinitionsTooDeep = new("CR3020", "Definitions nested too deep", "Definitions use definitions more than {0} deep: {1}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR3012_NotFormattable = new("CR3012", "Value cannot be shown", "A message placeholder cannot show a value of type {0}", DiagnosticSeverity.Error);

    // ----- CR4xxx: rule-set semantics -----
    public static readonly DiagnosticDescriptor CR4001_DuplicateId = new("CR4001", "Duplicate id", "{0} '{1}' is declared more than once (first at {2})", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4002_UndeclaredCode = new("CR4002", "Undeclared code", "Code '{0}' is not declared in 'codes'", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4003_UnknownSource = new("CR4003", "Unknown source", "Source '{0}' is not declared in 'sources'{1}; declared: {2}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4004_UnknownRegion = new("CR4004", "Unknown region", "Region '{0}' is not declared in 'vocabulary.regions'", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4005_RegionInTwoFamilies = new("CR4005", "Region coded twice", "Region '{0}' belongs to families '{1}' and '{2}'", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4006_LadderRange = new("CR4006", "Invalid ladder step", "Ladder step '{0}': {1}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4007_InvalidPeriod = new("CR4007", "Invalid effective period", "Effective period ends ({1}) before it starts ({0})", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4008_InvalidDate = new("CR4008", "Invalid date", "'{0}' is not a valid date (YYYY-MM-DD)", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4009_RegionWithoutFamily = new("CR4009", "Region without family", "Region '{0}' has levels but no family codes it; its joints will get no lines", DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor CR4010_TestUnknownRuleSet = new("CR4010", "Test names unknown rule set", "Tests name rule set '{0}', which is not loaded", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4011_TestInvalidEncounter = new("CR4011", "Test encounter invalid", "Test '{0}': the encounter is invalid at {1}: {2}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4012_ScopeNotAllowed = new("CR4012", "Effect not allowed in scope", "Effect '{0}' is not allowed on a check with scope '{1}'", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4013_InvalidLevelName = new("CR4013", "Invalid level name", "Level id '{0}' is not in its normal form '{1}'", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4014_ReservedName = new("CR4014", "Not a rule file", "The document has neither 'ruleSet' nor 'tests' at its top; it is not a rule or test file", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4016_SameStartDate = new("CR4016", "Versions start on the same day", "Versions '{0}' and '{1}' of rule set '{2}' both start on {3}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4017_VersionsOverlap = new("CR4017", "Versions overlap", "Version '{0}' of rule set '{1}' runs until {2}, past the start of version '{3}' on {4}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4018_VersionGap = new("CR4018", "Gap between versions", "Version '{0}' of rule set '{1}' ends on {2} but version '{3}' starts only on {4}: no version is in force in between", DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor CR4019_KindDisagrees = new("CR4019", "Versions disagree on kind", "Version '{0}' of rule set '{1}' is of kind '{2}' but version '{3}' is of kind '{4}'", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4020_IdDisagreesWithFolder = new("CR4020", "Rule files of one folder disagree on id", "The file declares rule set '{0}' but the other rule files in folder '{1}' declare '{2}'; a folder holds the versions of one rule set", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4021_UnknownNerve = new("CR4021", "Unknown nerve", "Nerve '{0}' is not declared in 'vocabulary.nerves'", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4022_UnknownLevel = new("CR4022", "Unknown level", "Level '{0}' is not declared in 'vocabulary.levels'", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4023_EffectNotForKind = new("CR4023", "Effect not allowed for this kind", "Effect '{0}' is not allowed in a rule set of kind '{1}'", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4024_ScopeNotForKind = new("CR4024", "Scope not allowed for this kind", "Scope '{0}' is only for rule sets of kind '{1}'", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4025_BaseNotFound = new("CR4025", "Base not found", "'{0}' names {1}, which is not loaded{2}; loaded: {3}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4026_CompositionCycle = new("CR4026", "Composition cycle", "{0} builds on itself: {1}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4027_AlreadyDefined = new("CR4027", "Already defined by a base", "{0} '{1}' is already defined by {2} (at {3}); change it under 'override:' or drop it under 'remove:'", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4028_NothingToOverride = new("CR4028", "Nothing to override", "'{0}' names {1} '{2}', which no base defines{3}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4029_UnknownParameter = new("CR4029", "Unknown parameter", "Parameter '{0}' is not declared by {1}{2}; parameters: {3}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4030_ParameterNotSet = new("CR4030", "Parameter not set", "Parameter '{0}' of {1} has no value and no default; set it under 'with:'", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4031_ParameterType = new("CR4031", "Wrong parameter value", "Parameter '{0}' is {1}, but the value given is {2}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4032_ParameterSetTwice = new("CR4032", "Parameter set twice", "Parameter '{0}' is already set by {1} (at {2})", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4033_BaseOfOtherKind = new("CR4033", "Base of another kind", "{0} is of kind '{1}' but extends {2}, of kind '{3}'", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4034_InvalidDefinition = new("CR4034", "Invalid definition name", "Definition '{0}' is not a name or a name with parameters such as 'touches(entry)'{1}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4035_NotInLibrary = new("CR4035", "Not allowed in a library", "A library holds vocabulary, definitions, sources, codes, checks and tables; '{0}' belongs in a rule set or template", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4036_UnknownFixture = new("CR4036", "Unknown fixture", "Fixture '{0}' is not declared under 'fixtures:'{1}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4037_CompositionTooDeep = new("CR4037", "Composition too deep", "{0} builds on a chain of more than {1} bases (templates it extends and libraries they import, nested)", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4038_RuleSetTooCostly = new("CR4038", "Rule set too costly", "The expressions of this rule set take about {0} steps together (every list and text of the encounter taken as 10 items); at most {1} are allowed. The costliest: {2}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4039_RegionInTwoGroups = new("CR4039", "Region in two groups", "Region '{0}' is in region groups '{1}' and '{2}'", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4040_RegionWithoutGroup = new("CR4040", "Region without group", "Region '{0}' has levels or nerves but is in no region group, and this rule set uses region groups (useRegionGroups: true)", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4041_PropertyNotForKind = new("CR4041", "Property not for this kind", "'{0}' is only for rule sets of kind '{1}'", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4042_TableFileUnreadable = new("CR4042", "Table file not read", "Table '{0}': the file '{1}' {2}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4043_InvalidTableRow = new("CR4043", "Invalid table row", "Table '{0}': {1}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4044_UnknownLayout = new("CR4044", "Unknown table layout", "Layout '{0}' is not declared in 'layouts'{1}; declared: {2}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4045_InvalidLayout = new("CR4045", "Invalid table layout", "Layout '{0}': {1}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR4046_ChecksWithoutVocabulary = new("CR4046", "Checks that can never fire", "Check '{0}' has scope '{1}', but this policy declares no levels (vocabulary), so its procedures have no known joints and no sessions: the check never fires. Import the vocabulary (imports: [spine])", DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor CR4015_DuplicateRuleSetVersion = new("CR4015", "Duplicate rule set version", "Rule set '{0}' version '{1}' is loaded twice (also at {2})", DiagnosticSeverity.Error);

    // ----- CR5xxx: encounter input -----
    public static readonly DiagnosticDescriptor CR5001_InvalidJson = new("CR5001", "Invalid JSON", "The record is not valid JSON: {0}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR5002_MissingField = new("CR5002", "Missing field", "Required field '{0}' is missing", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR5003_WrongType = new("CR5003", "Wrong type", "Expected {0} but found {1}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR5004_ValueNotAllowed = new("CR5004", "Value not allowed", "Value '{0}' is not allowed; expected {1}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR5005_UnknownField = new("CR5005", "Unknown field", "Field '{0}' is not part of the encounter contract", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR5006_InvalidDate = new("CR5006", "Invalid date", "'{0}' is not a valid date (YYYY-MM-DD)", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR5007_InputLimit = new("CR5007", "Input limit exceeded", "The record exceeds a limit: {0}", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR5008_EmptyValue = new("CR5008", "Empty value", "'{0}' must not be empty", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR5009_DuplicateField = new("CR5009", "Duplicate field", "Field '{0}' appears more than once", DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor CR5010_BudgetExceeded = new("CR5010", "Evaluation budget exceeded", "Coding this encounter was stopped: {0}", DiagnosticSeverity.Error);

    // ----- CR6xxx: lint -----
    // The rules load and run, but something in them is dead, constant or misplaced: warnings, each
    // with its fix. Reported by 'lint' and, as warnings, by 'validate'.
    public static readonly DiagnosticDescriptor CR6001_UnusedSource = new("CR6001", "Source cited by nothing", "Source '{0}' is cited by no check and named in no title, summary, note, description or message of {1}; cite it with 'source: {0}' in the check that rests on it, name it where it is applied, or remove it", DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor CR6002_UnusedCode = new("CR6002", "Code used by nothing", "Code '{0}' is put on no line and named by no condition or table of {1}; use it in a family, an effect or an extra line, or remove it", DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor CR6003_UnusedParameter = new("CR6003", "Parameter read by nothing", "Parameter '{0}' is read by no condition, message or text of {1}; read it as {{params.{0}}}, or remove it (and the with: values that set it)", DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor CR6004_UnusedDefinition = new("CR6004", "Definition used by nothing", "Definition '{0}' is used by no check, message or other definition of {1}; use it, or remove it", DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor CR6005_ConstantCondition = new("CR6005", "Constant condition", "The condition of {0} is always {1}{2}: {3}", DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor CR6006_ContradictoryCondition = new("CR6006", "Contradictory condition", "The condition of {0} can never hold: '{1}' and '{2}' cannot both be true; {3} never fires. Correct the condition, or remove it", DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor CR6007_TestOutsideVersion = new("CR6007", "Test dated outside its version", "Test case '{0}' is dated {1}, outside {2} ({3}), the version of the file it sits beside; it tests {4}. Move it to {5}, or date it inside {3} (or, for a boundary case, on the day just before or after it)", DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor CR6008_IdInMessage = new("CR6008", "Rule set typed in a message", "The message of {0} types '{1}'; write {2} instead, so that every version built on it names itself", DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor CR6009_ShadowedCheck = new("CR6009", "Check shadowed by a stop", "{0} can never fire: whenever its condition holds, the earlier stop check '{1}' (line {2}) holds too and ends the procedure first. Move it above '{1}', or remove it", DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor CR6010_UnusedLibrary = new("CR6010", "Library imported by nothing", "Library '{0}' is imported by no loaded rule set; import it with 'imports: [{0}]', or remove the file", DiagnosticSeverity.Warning);
#pragma warning restore CS1591
#pragma warning restore CA1707

    /// <summary>Every descriptor, in id order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
        [.. typeof(DiagnosticDescriptors).GetFields()
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Id, StringComparer.Ordinal)];
}
