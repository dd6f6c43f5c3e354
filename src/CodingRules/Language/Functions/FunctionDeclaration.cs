using System.Collections.Immutable;

namespace CodingRules.Language.Functions;

/// <summary>What a declared name is: a function called by name, an operator written between or before operands, or a
/// form of the language (evaluated in its own way, e.g. short-circuit logic or <c>has</c>).</summary>
internal enum FunctionKind
{
    Function,
    Operator,
    Form,
}

/// <summary>
/// A function of the expression language, declared once: its name, what it does, and its overloads (each with its
/// parameter and result types, cost and implementation). The checker resolves calls against the declarations, the
/// planner asks the chosen overload for its plan node, the cost estimate reads each overload's cost, and the docs'
/// table of functions and the "did you mean" suggestions list the declarations. Immutable.
/// </summary>
internal sealed class FunctionDeclaration
{
    public FunctionDeclaration(string name, FunctionKind kind, string summary, params Overload[] overloads)
    {
        Name = name;
        Kind = kind;
        Summary = summary;
        Overloads = [.. overloads];
        Signatures = [.. overloads.Select(o => o.Signature)];
    }

    private FunctionDeclaration(string name, string signature, string summary)
    {
        Name = name;
        Kind = FunctionKind.Form;
        Summary = summary;
        Overloads = [];
        Signatures = [signature];
    }

    /// <summary>A form of the language: checked and planned by the checker itself, declared here for the docs and suggestions.</summary>
    public static FunctionDeclaration Form(string name, string signature, string summary) => new(name, signature, summary);

    /// <summary>The signatures as the docs show them, one per overload.</summary>
    public ImmutableArray<string> Signatures { get; }

    /// <summary>The name as written: <c>count</c>, or an operator's symbol such as <c>&lt;=</c>.</summary>
    public string Name { get; }

    public FunctionKind Kind { get; }

    /// <summary>One sentence for the docs.</summary>
    public string Summary { get; }

    public ImmutableArray<Overload> Overloads { get; }

    /// <summary>The argument counts the overloads take, as a phrase for CR3004 ("1 argument", "1 or 2 arguments").</summary>
    public string Arities
    {
        get
        {
            var counts = Overloads.Select(o => o.Parameters.Length).Distinct().Order().ToList();
            var joined = counts.Count == 1 ? $"{counts[0]}" : string.Join(", ", counts.Take(counts.Count - 1)) + " or " + counts[^1];
            return joined + (counts is [1] ? " argument" : " arguments");
        }
    }

    public override string ToString() => Name;
}
