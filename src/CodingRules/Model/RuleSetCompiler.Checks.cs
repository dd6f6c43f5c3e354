using System.Collections.Frozen;
using System.Collections.Immutable;
using CodingRules.Diagnostics;
using CodingRules.Language;
using CodingRules.Loading;
using CodingRules.Text;

namespace CodingRules.Model;

/// <summary>Checks, expressions and message templates; and the tolerant readers the compiler uses.</summary>
public sealed partial class RuleSetCompiler
{
    private ImmutableArray<Check> ReadChecks(DocMapping root, FrozenDictionary<string, SourceReference> sources, FrozenDictionary<string, CodeDefinition> codes)
    {
        var checks = ImmutableArray.CreateBuilder<Check>();
        var first = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var item in Mappings(root["checks"]))
        {
            var id = Str(item, "id");
            if (id is not null && !Unique("Check", id, item["id"]!, first))
            {
                id = null;
            }

            var scope = Str(item, "scope") switch
            {
                "joint" => CheckScope.Joint,
                "nerve" => CheckScope.Nerve,
                "session" => CheckScope.Session,
                "billed" => CheckScope.Billed,
                "line" => CheckScope.Line,
                _ => CheckScope.Procedure,
            };
            var isAudit = Str(root, "kind") == "audit";
            var environment = scope switch
            {
                CheckScope.Joint => FactSchemas.JointScope,
                CheckScope.Nerve => FactSchemas.NerveScope,
                CheckScope.Session => FactSchemas.SessionScope,
                CheckScope.Billed => FactSchemas.BilledScope,
                CheckScope.Line => FactSchemas.LineScope,
                _ => isAudit ? FactSchemas.EncounterScope : FactSchemas.ProcedureScope,
            };
            environment = Environment(environment);
            var kindForScope = scope switch
            {
                CheckScope.Session => "policy",
                CheckScope.Billed or CheckScope.Line => "audit",
                CheckScope.Joint or CheckScope.Nerve when isAudit => "coding",
                _ => null,
            };
            if (kindForScope is not null && Str(root, "kind") != kindForScope && !(kindForScope == "coding" && Str(root, "kind") == "policy"))
            {
                Report(DiagnosticDescriptors.CR4024_ScopeNotForKind, item["scope"]!.Span, Str(item, "scope"), kindForScope);
            }
            var when = item["when"] is DocScalar w ? CompileExpression(w, environment, ExprType.Boolean) : null;
            var message = item["message"] is DocScalar m ? CompileTemplate(m, environment) : null;

            var source = Str(item, "source");
            if (source is not null && !sources.ContainsKey(source))
            {
                Report(DiagnosticDescriptors.CR4003_UnknownSource, item["source"]!.Span, source, Suggestion.DidYouMean(source, sources.Keys),
                    sources.Count == 0 ? "none" : string.Join(", ", sources.Keys.Order(StringComparer.Ordinal)));
            }

            var effect = ReadEffect(item["effect"], codes);
            var isPolicy = Str(root, "kind") == "policy";
            if (isAudit && effect.ChangesLines)
            {
                // Note: a claim audit reports; the corrected lines are the derived ones, shown beside the billed ones.
                Report(DiagnosticDescriptors.CR4023_EffectNotForKind, item["effect"]!.Span, effect.Name, "audit");
            }

            if (isPolicy && effect is StopEffect or ReplaceEffect or ExcludeEffect)
            {
                // A coverage finding never removes a line: policies add findings and adjust lines, nothing more.
                Report(DiagnosticDescriptors.CR4023_EffectNotForKind, item["effect"]!.Span, effect.Name, "policy");
            }
            else if (!isPolicy && !isAudit && effect is AddModifierEffect or RecodeEffect or RecountEffect)
            {
                Report(DiagnosticDescriptors.CR4023_EffectNotForKind, item["effect"]!.Span, effect.Name, "coding");
            }

            if (effect.ChangesLines && scope != (effect is ExcludeEffect ? CheckScope.Joint : CheckScope.Procedure))
            {
                Report(DiagnosticDescriptors.CR4012_ScopeNotAllowed, item["effect"]!.Span, effect.Name, scope.ToString().ToLowerInvariant());
            }

            if (id is null || when is null || message is null || Str(item, "finding") is not { } finding)
            {
                continue;
            }

            checks.Add(new Check(
                id,
                finding,
                Severity(Str(item, "severity")),
                Str(item, "category") ?? "coding",
                scope,
                when,
                message,
                source,
                effect,
                item.Span.Location)
            {
                ConditionLocation = item["when"]!.Span.Location,
            });
        }

        return checks.ToImmutable();
    }

    private CheckEffect ReadEffect(DocNode? node, FrozenDictionary<string, CodeDefinition> codes)
    {
        switch (node)
        {
            case DocScalar { Value: "stop" }:
                return new StopEffect();
            case DocScalar { Value: "exclude" }:
                return new ExcludeEffect();
            case DocMapping map when map["addModifier"] is DocMapping add && Str(add, "modifier") is { } modifier:
                return new AddModifierEffect(modifier, Strings(add["codes"]));
            case DocMapping map when map["recode"] is DocMapping recode && Str(recode, "from") is { } from && Str(recode, "to") is { } to:
                return new RecodeEffect(from, to);
            case DocMapping map when map["recount"] is DocMapping recount && Str(recount, "family") is { } family:
                return new RecountEffect(family, Int(recount, "after") ?? 1);
            case DocMapping map when map["replace"] is DocMapping replace && Str(replace, "code") is { } code:
                if (!codes.ContainsKey(code))
                {
                    Report(DiagnosticDescriptors.CR4002_UndeclaredCode, replace["code"]!.Span, code);
                }

                return new ReplaceEffect(code, Int(replace, "units") ?? 1);
            default:
                return CheckEffect.FindingOnly;
        }
    }

    private CompiledExpression? CompileExpression(DocScalar scalar, ExpressionEnvironment environment, ExprType? expected, int offset = 0, string? text = null)
    {
        text ??= scalar.Value;
        var (expression, errors) = ExpressionCompiler.Compile(text, environment, expected, _options);
        Report(scalar, offset, errors);
        if (expression is not null)
        {
            _slotCount = Math.Max(_slotCount, expression.SlotCount);
            _costs.Add((scalar, expression.NominalCost));
            NoteUses(expression);
        }

        return expression;
    }

    /// <summary>Compiles a message template; errors are mapped from their offset in the message to the file.</summary>
    private MessageTemplate? CompileTemplate(DocScalar scalar, ExpressionEnvironment environment)
    {
        var (template, errors) = MessageTemplate.Compile(scalar.Value, environment, _options);
        Report(scalar, 0, errors);
        if (template is not null)
        {
            _slotCount = Math.Max(_slotCount, template.SlotCount);
            foreach (var placeholder in template.Placeholders)
            {
                NoteUses(placeholder);
            }
        }

        return template;
    }

    private bool Unique(string what, string id, DocNode at, Dictionary<string, SourceLocation> first)
    {
        if (first.TryGetValue(id, out var where))
        {
            Report(DiagnosticDescriptors.CR4001_DuplicateId, at.Span, what, id, $"line {where.Line}");
            return false;
        }

        first[id] = at.Span.Location;
        return true;
    }

    /// <summary>CR4038 at the rule set's id when its expressions cost more than the rule-set budget together, naming the costliest.</summary>
    private void CheckTotalCost(DocMapping root)
    {
        var total = _costs.Sum(c => c.Cost);
        if (total <= ExpressionCompiler.MaxRuleSetNominalCost)
        {
            return;
        }

        var costliest = string.Join(", ", _costs.OrderByDescending(c => c.Cost).Take(3).Select(c => $"{c.At.Span.Location} ({Language.Passes.CostEstimator.Steps(c.Cost)})"));
        Report(DiagnosticDescriptors.CR4038_RuleSetTooCostly, (root["ruleSet"] ?? root).Span,
            Language.Passes.CostEstimator.Steps(total), Language.Passes.CostEstimator.Steps(ExpressionCompiler.MaxRuleSetNominalCost), costliest);
    }

    private void Report(DiagnosticDescriptor descriptor, SourceSpan span, params object?[] arguments) =>
        _diagnostics.Add(Diagnostic.Create(descriptor, span, arguments));

    private static string? Str(DocMapping map, string key) => map[key] is DocScalar s ? s.Value : null;

    private static int? Int(DocMapping map, string key) =>
        map[key] is DocScalar s && int.TryParse(s.Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : null;

    private static IEnumerable<DocMapping> Mappings(DocNode? node) =>
        node is DocSequence seq ? seq.Items.OfType<DocMapping>() : [];

    private static IEnumerable<DocScalar> Scalars(DocNode? node) =>
        node is DocSequence seq ? seq.Items.OfType<DocScalar>() : [];

    private static ImmutableArray<string> Strings(DocNode? node) => [.. Scalars(node).Select(s => s.Value)];
}
