using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using CodingRules.Composition;
using CodingRules.Diagnostics;
using CodingRules.Language;
using CodingRules.Language.Plan;
using CodingRules.Loading;
using CodingRules.Text;

namespace CodingRules.Model;

/// <summary>
/// What composition adds to compiling: the constants <c>params.*</c> and <c>ruleSet.*</c>, named definitions, texts
/// with placeholders (title, summary, source titles and addresses), and errors located in whichever file holds them.
/// </summary>
public sealed partial class RuleSetCompiler
{
    private readonly ReadRecorder _parameters = new();
    private readonly Dictionary<string, (ExprType Type, Value Value)> _ruleSetConstants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExpressionDefinition> _definitions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedDefinitions = new(StringComparer.Ordinal);

    /// <summary>What the rule set's expressions, messages and texts read, as compiled (for <c>lint</c>).</summary>
    private RuleSetReads Reads() => new([.. _usedDefinitions], [.. _parameters.Read]);

    /// <summary>The environment of an expression of this rule set: the scope's variables and everything the rule set names.</summary>
    private ExpressionEnvironment Environment(ExpressionEnvironment scope)
    {
        var environment = scope.WithTables(_tables).WithDataTables(_dataTables).WithNamespace("ruleSet", _ruleSetConstants).WithDefinitions(_definitions.Values);
        return _parameters.Count == 0 ? environment : environment.WithNamespace("params", _parameters);
    }

    private void ReadConstants(string id, string version, DocMapping root)
    {
        _ruleSetConstants["id"] = (ExprType.String, Value.FromString(id));
        _ruleSetConstants["version"] = (ExprType.String, Value.FromString(version));
        _ruleSetConstants["payer"] = (ExprType.String, Value.FromString(Strings(root["payers"]).FirstOrDefault() ?? string.Empty));
        foreach (var parameter in _composed.Parameters)
        {
            _parameters.Add(parameter.Name, ParameterConstant(parameter));
        }
    }

    private static (ExprType Type, Value Value) ParameterConstant(ParameterValue parameter)
    {
        var scalar = (parameter.Value as DocScalar)?.Value ?? string.Empty;
        var items = parameter.Value is DocSequence sequence ? sequence.Items.OfType<DocScalar>().Select(s => s.Value).ToArray() : [];
        return parameter.Type switch
        {
            ParameterType.Number => (ExprType.Number, Value.FromNumber(double.Parse(scalar, NumberStyles.Float, CultureInfo.InvariantCulture))),
            ParameterType.Boolean => (ExprType.Boolean, Value.FromBoolean(scalar == "true")),
            ParameterType.Date => (ExprType.Date, Value.FromDate(DateOnly.ParseExact(scalar, "yyyy-MM-dd", CultureInfo.InvariantCulture))),
            ParameterType.StringList => (ExprType.ListOf(ExprType.String), Value.FromList(new ValueList([.. items.Select(Value.FromString)]))),
            ParameterType.NumberList => (ExprType.ListOf(ExprType.Number), Value.FromList(new ValueList([.. items.Select(i => Value.FromNumber(double.Parse(i, NumberStyles.Float, CultureInfo.InvariantCulture)))]))),
            _ => (ExprType.String, Value.FromString(scalar)),
        };
    }

    /// <summary>Where each keyed item is written, by area (the singular of its section) and key.</summary>
    private static ImmutableDictionary<(string Area, string Item), SourceLocation> ItemLocations(DocMapping root)
    {
        var locations = ImmutableDictionary.CreateBuilder<(string, string), SourceLocation>();
        foreach (var (path, key, what) in Sections.Keyed)
        {
            var node = path.Split('.').Aggregate<string, DocNode?>(root, (n, part) => (n as DocMapping)?[part]);
            foreach (var item in (node as DocSequence)?.Items.OfType<DocMapping>() ?? [])
            {
                if (item[key] is DocScalar id)
                {
                    locations[(what.ToLowerInvariant(), id.Value)] = item.Span.Location;
                }
            }
        }

        // The identity parts at their own lines, by the names diff gives them.
        foreach (var key in Sections.Identity)
        {
            if (root.Entry(key) is { } entry)
            {
                locations[("identity", key)] = entry.Value.Span.Location;
            }
        }

        foreach (var entry in (root["effective"] as DocMapping)?.Entries ?? [])
        {
            locations[("effective", entry.Key.Value)] = entry.Value.Span.Location;
        }

        if (root["wholeJoint"] is { } wholeJoint)
        {
            locations[("whole joint", "level")] = wholeJoint.Span.Location;
        }

        // A ladder step is located at its own line, as diff names it ("lumbar step 2").
        foreach (var family in (root["families"] as DocSequence)?.Items.OfType<DocMapping>() ?? [])
        {
            if (family["id"] is DocScalar id && family["ladder"] is DocSequence ladder)
            {
                for (var i = 0; i < ladder.Items.Length; i++)
                {
                    locations[("ladder", $"{id.Value} step {i + 1}")] = ladder.Items[i].Span.Location;
                }
            }
        }

        foreach (var (path, what) in Sections.Named)
        {
            foreach (var entry in (root[path] as DocMapping)?.Entries ?? [])
            {
                locations[(what.ToLowerInvariant(), Sections.DefinitionName(entry.Key.Value))] = entry.Key.Span.Location;
            }
        }

        foreach (var entry in (root["laterality"] as DocMapping)?.Entries ?? [])
        {
            locations[("laterality", entry.Key.Value)] = entry.Value.Span.Location;
        }

        return locations.ToImmutable();
    }

    /// <summary>Reads <c>definitions: { name: expression, name(a, b): expression }</c>; each is parsed once, checked where used.</summary>
    private void ReadDefinitions(DocMapping root)
    {
        if (root["definitions"] is not DocMapping definitions)
        {
            return;
        }

        foreach (var entry in definitions.Entries)
        {
            var match = DefinitionKey().Match(entry.Key.Value);
            if (!match.Success || entry.Value is not DocScalar body)
            {
                Report(DiagnosticDescriptors.CR4034_InvalidDefinition, entry.Key.Span, entry.Key.Value, string.Empty);
                continue;
            }

            var name = match.Groups["name"].Value;
            ImmutableArray<string> parameters = [.. match.Groups["params"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            var clash = Language.Functions.FunctionLibrary.TryGetFunction(name, out _) ? " (a function of the language has that name)"
                : FactSchemas.AllScopes.TryGet(name, out _, out _) || name is "params" or "ruleSet" ? " (a variable has that name)"
                : parameters.Distinct(StringComparer.Ordinal).Count() != parameters.Length ? " (a parameter is named twice)"
                : null;
            if (clash is not null)
            {
                Report(DiagnosticDescriptors.CR4034_InvalidDefinition, entry.Key.Span, entry.Key.Value, clash);
                continue;
            }

            var (definition, errors) = ExpressionDefinition.Parse(name, parameters, body.Value, body, _definitions.Count);
            Report(body, 0, errors);
            if (definition is not null)
            {
                _definitions[name] = definition;
            }
        }
    }

    /// <summary>
    /// Checks every value definition no expression used, with every variable of every scope at hand, so a mistake in
    /// an unused definition is still found when the file loads.
    /// </summary>
    private void CheckUnusedDefinitions()
    {
        foreach (var definition in _definitions.Values.Where(d => d.Parameters.IsEmpty && !_usedDefinitions.Contains(d.Name)))
        {
            var (_, errors) = ExpressionCompiler.Compile(definition.Name, Environment(FactSchemas.AllScopes), null, _options);
            Report((DocScalar)definition.Origin!, 0, [.. errors.Where(e => e.Origin is not null)]);
        }
    }

    private void NoteUses(CompiledExpression expression) => _usedDefinitions.UnionWith(expression.DefinitionsRead);

    /// <summary>Maps expression errors to the file: into the definition that holds them, or into <paramref name="scalar"/>.</summary>
    private void Report(DocScalar scalar, int offset, IEnumerable<ExpressionError> errors)
    {
        foreach (var error in errors)
        {
            var span = error.Origin is DocScalar definition
                ? ScalarOffsetMap.Map(definition, error.Offset, error.Length)
                : ScalarOffsetMap.Map(scalar, offset + error.Offset, error.Length);
            _diagnostics.Add(Diagnostic.Create(error.Descriptor, span, [.. error.Arguments]));
        }
    }

    /// <summary>A text that may name constants in placeholders (<c>{params.name}</c>, <c>{ruleSet.id}</c>), expanded at load.</summary>
    private string? Text(DocMapping map, string key)
    {
        if (map[key] is not DocScalar scalar)
        {
            return null;
        }

        if (!scalar.Value.Contains('{', StringComparison.Ordinal))
        {
            return scalar.Value;
        }

        var environment = ExpressionEnvironment.Empty.WithNamespace("params", _parameters).WithNamespace("ruleSet", _ruleSetConstants);
        var (template, errors) = MessageTemplate.Compile(scalar.Value, environment);
        Report(scalar, 0, errors);
        return template?.Format(new EvaluationFrame(template.SlotCount)) ?? scalar.Value;
    }

    [GeneratedRegex(@"^\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*(\((?<params>\s*([A-Za-z_][A-Za-z0-9_]*\s*(,\s*[A-Za-z_][A-Za-z0-9_]*\s*)*)?)\))?\s*$")]
    private static partial Regex DefinitionKey();

    /// <summary>
    /// The parameters as the checker sees them (a namespace of constants), noting each name it looks up, so that
    /// <c>lint</c> can say which parameters nothing reads. Listing the names (for "did you mean") is no read.
    /// </summary>
    private sealed class ReadRecorder : IReadOnlyDictionary<string, (ExprType Type, Value Value)>
    {
        private readonly Dictionary<string, (ExprType Type, Value Value)> _values = new(StringComparer.Ordinal);

        public HashSet<string> Read { get; } = new(StringComparer.Ordinal);

        public int Count => _values.Count;

        public IEnumerable<string> Keys => _values.Keys;

        public IEnumerable<(ExprType Type, Value Value)> Values => _values.Values;

        public (ExprType Type, Value Value) this[string key] => _values[key];

        public void Add(string name, (ExprType Type, Value Value) value) => _values[name] = value;

        public bool ContainsKey(string key) => _values.ContainsKey(key);

        public bool TryGetValue(string key, out (ExprType Type, Value Value) value)
        {
            if (!_values.TryGetValue(key, out value))
            {
                return false;
            }

            Read.Add(key);
            return true;
        }

        public IEnumerator<KeyValuePair<string, (ExprType Type, Value Value)>> GetEnumerator() => _values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
