using CodingRules.Language.Plan;

namespace CodingRules.Language;

/// <summary>The binder's answer for one node: its static type and its plan.</summary>
internal sealed record Bound(ExprType Type, PlanNode Node);
