using System.Collections.Immutable;
using CodingRules.Language.Checking;

namespace CodingRules.Language.Functions;

/// <summary>How a parameter treats a value that may be missing (an argument of an optional type).</summary>
internal enum MissingValues
{
    /// <summary>The argument must be present: a possibly missing one is error CR3014 (guard it with <c>has</c> or <c>??</c>).</summary>
    Reject,

    /// <summary>A missing argument makes the result missing (the result type becomes optional).</summary>
    Propagate,

    /// <summary>The implementation gives a defined answer for a missing argument (e.g. <c>==</c>, <c>startsWith</c>).</summary>
    Accept,
}

/// <summary>One parameter of an overload: the types it accepts and how it treats a missing value.</summary>
/// <param name="Type">The accepted types.</param>
/// <param name="Missing">What a possibly missing argument does.</param>
/// <param name="Constant">True when the argument must be written as a constant (a quoted date, a table name).</param>
internal sealed record Parameter(TypePattern Type, MissingValues Missing = MissingValues.Reject, bool Constant = false);

/// <summary>What the checker knows when it computes an overload's result type.</summary>
internal sealed record ResultContext(ImmutableArray<CheckedNode> Arguments, TypeBindings Bindings)
{
    /// <summary>What the overload's bind step decided (a table, say), for result types that depend on it.</summary>
    public object? State { get; init; }
}

/// <summary>
/// What an overload decides at load from its arguments (e.g. parse a constant date, find a table): the state the plan
/// node will use, or a failure already reported through <see cref="Report"/>.
/// </summary>
internal sealed class BindContext(ImmutableArray<CheckedNode> arguments, ExpressionEnvironment environment, Action<int, Diagnostics.DiagnosticDescriptor, object?[]> report)
{
    public ImmutableArray<CheckedNode> Arguments { get; } = arguments;

    public ExpressionEnvironment Environment { get; } = environment;

    /// <summary>Reports an error located at argument <paramref name="argument"/> (0-based).</summary>
    public void Report(int argument, Diagnostics.DiagnosticDescriptor descriptor, params object?[] arguments) => report(argument, descriptor, arguments);
}

/// <summary>
/// One signature of a function: parameters, result type, cost and implementation. <see cref="Bind"/>, when given,
/// runs at load on the checked arguments and returns the state the implementation plans with (or
/// <see cref="BindFailed"/> after reporting an error).
/// </summary>
internal sealed class Overload
{
    /// <summary>Returned by <see cref="Bind"/> when it reported an error.</summary>
    public static readonly object BindFailed = new();

    /// <summary>The signature as the docs show it, e.g. <c>count(list&lt;T&gt;, T =&gt; boolean) -&gt; number</c>.</summary>
    public required string Signature { get; init; }

    public required ImmutableArray<Parameter> Parameters { get; init; }

    /// <summary>The result type, before a propagated missing argument makes it optional.</summary>
    public required Func<ResultContext, ExprType> Result { get; init; }

    public required Implementation Implementation { get; init; }

    /// <summary>The cost of one evaluation given the estimates of the arguments (default: one step plus the arguments).</summary>
    public CostFunction Cost { get; init; } = Costs.Step;

    /// <summary>Load-time decision on constant arguments; null when the overload needs none.</summary>
    public Func<BindContext, object?>? Bind { get; init; }

    /// <summary>True when the overload takes a predicate or mapping (always its last parameter, over the list in the first).</summary>
    public bool TakesLambda => Parameters.Length > 0 && Parameters[^1].Type.IsLambda;

    public override string ToString() => Signature;
}
