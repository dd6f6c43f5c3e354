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
            var environment = (scope switch
            {
                CheckScope.Joint => FactSchemas.JointScope,
                CheckScope.Nerve => FactSchemas.NerveScope,
                CheckScope.Session => FactSchemas.SessionScope,
                CheckScope.Billed => FactSchemas.BilledScope,
                CheckScope.Line => FactSchemas.LineScope,
                _ => isAudit ? FactSchemas.EncounterScope : FactSchemas.ProcedureScope,
            }).WithTables(_tables);
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
                Report(DiagnosticDescriptors.CR4003_UnknownSource, item["source"]!.Span, source);
            }

            var effect = ReadEffect(item["effect"], codes);
            var isPolicy = Str(root, "kind") == "policy";
            if (isAudit && effect.Kind != EffectKind.Finding)
            {
                // Note: a claim audit reports; the corrected lines are the derived ones, shown beside the billed ones.
                Report(DiagnosticDescriptors.CR4023_EffectNotForKind, item["effect"]!.Span, effect.Kind.ToString().ToLowerInvariant(), "audit");
            }

            if (isPolicy && effect.Kind is EffectKind.Stop or EffectKind.Replace)
            {
                // A coverage finding never removes a line: policies add findings and adjust lines, nothing more.
                Report(DiagnosticDescriptors.CR4023_EffectNotForKind, item["effect"]!.Span, effect.Kind.ToString().ToLowerInvariant(), "policy");
            }
            else if (!isPolicy && effect.Kind is EffectKind.AddModifier or EffectKind.Recode)
            {
                Report(DiagnosticDescriptors.CR4023_EffectNotForKind, item["effect"]!.Span, effect.Kind == EffectKind.AddModifier ? "addModifier" : "recode", "coding");
            }

            if (effect.Kind != EffectKind.Finding && scope != CheckScope.Procedure)
            {
                Report(DiagnosticDescriptors.CR4012_ScopeNotAllowed, item["effect"]!.Span, effect.Kind.ToString().ToLowerInvariant(), scope.ToString().ToLowerInvariant());
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
                item.Span.Location));
        }

        return checks.ToImmutable();
    }

    private CheckEffect ReadEffect(DocNode? node, FrozenDictionary<string, CodeDefinition> codes)
    {
        switch (node)
        {
            case DocScalar { Value: "stop" }:
                return new CheckEffect(EffectKind.Stop, null, 0);
            case DocMapping map when map["addModifier"] is DocMapping add && Str(add, "modifier") is { } modifier:
                return new CheckEffect(EffectKind.AddModifier, null, 0) { Modifier = modifier, Codes = Strings(add["codes"]) };
            case DocMapping map when map["recode"] is DocMapping recode && Str(recode, "from") is { } from && Str(recode, "to") is { } to:
                return new CheckEffect(EffectKind.Recode, to, 0) { From = from };
            case DocMapping map when map["replace"] is DocMapping replace && Str(replace, "code") is { } code:
                if (!codes.ContainsKey(code))
                {
                    Report(DiagnosticDescriptors.CR4002_UndeclaredCode, replace["code"]!.Span, code);
                }

                return new CheckEffect(EffectKind.Replace, code, Int(replace, "units") ?? 1);
            default:
                return CheckEffect.FindingOnly;
        }
    }

    private CompiledExpression? CompileExpression(DocScalar scalar, ExpressionEnvironment environment, ExprType? expected, int offset = 0, string? text = null)
    {
        text ??= scalar.Value;
        var (expression, errors) = ExpressionCompiler.Compile(text, environment, expected);
        foreach (var error in errors)
        {
            _diagnostics.Add(Diagnostic.Create(error.Descriptor, ScalarOffsetMap.Map(scalar, offset + error.Offset, error.Length), [.. error.Arguments]));
        }

        if (expression is not null)
        {
            _slotCount = Math.Max(_slotCount, expression.SlotCount);
        }

        return expression;
    }

    /// <summary>Splits <c>text {expr} text</c>; <c>{{</c> and <c>}}</c> are literal braces.</summary>
    private MessageTemplate? CompileTemplate(DocScalar scalar, ExpressionEnvironment environment)
    {
        var text = scalar.Value;
        var parts = ImmutableArray.CreateBuilder<(string?, CompiledExpression?)>();
        var literal = new System.Text.StringBuilder();
        var ok = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c == '{' || c == '}') && i + 1 < text.Length && text[i + 1] == c)
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var close = text.IndexOf('}', i + 1);
            if (close < 0)
            {
                Report(DiagnosticDescriptors.CR2006_UnterminatedPlaceholder, ScalarOffsetMap.Map(scalar, i, 1));
                return null;
            }

            if (literal.Length > 0)
            {
                parts.Add((literal.ToString(), null));
                literal.Clear();
            }

            var inner = text[(i + 1)..close];
            var expression = CompileExpression(scalar, environment, null, i + 1, inner);
            if (expression is null)
            {
                ok = false;
            }
            else if (expression.Type.Kind is TypeKind.Object or TypeKind.Period)
            {
                Report(DiagnosticDescriptors.CR3012_NotFormattable, ScalarOffsetMap.Map(scalar, i + 1, inner.Length), expression.Type.Name);
                ok = false;
            }
            else
            {
                parts.Add((null, expression));
            }

            i = close;
        }

        if (literal.Length > 0 || parts.Count == 0)
        {
            parts.Add((literal.ToString(), null));
        }

        return ok ? new MessageTemplate(text, parts.ToImmutable()) : null;
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
