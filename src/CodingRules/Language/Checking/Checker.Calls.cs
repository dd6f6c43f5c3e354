using System.Collections.Immutable;
using CodingRules.Diagnostics;
using CodingRules.Language.Functions;
using CodingRules.Language.Syntax;

namespace CodingRules.Language.Checking;

/// <summary>Calls and operators: overload resolution against the declarations, predicates, and missing values.</summary>
internal sealed partial class Checker
{
    private Checked? CheckCall(CallSyntax call, Scope scope)
    {
        if (call.Name == "has")
        {
            return CheckHas(call, scope);
        }

        if (!FunctionLibrary.TryGetFunction(call.Name, out var function) || function.Kind != FunctionKind.Function)
        {
            if (scope.Environment.Definitions.TryGetValue(call.Name, out var definition) && !definition.Parameters.IsEmpty)
            {
                return CheckDefinition(definition, call, call.Arguments, scope);
            }

            var names = FunctionLibrary.CallableNames.Concat(scope.Environment.Definitions.Values.Where(d => !d.Parameters.IsEmpty).Select(d => d.Name)).Order(StringComparer.Ordinal).ToList();
            return Error(DiagnosticDescriptors.CR3003_UnknownFunction, new NameSyntax(call.Name, call.NameStart, call.Name.Length),
                call.Name, Suggestion.DidYouMean(call.Name, names), string.Join(", ", names));
        }

        var candidates = function.Overloads.Where(o => o.Parameters.Length == call.Arguments.Length).ToList();
        if (candidates.Count == 0)
        {
            return Error(DiagnosticDescriptors.CR3004_ArgumentCount, call, call.Name, function.Arities, call.Arguments.Length);
        }

        return Resolve(function, candidates, call, call.Arguments, scope, op: null);
    }

    private Checked? CheckOperator(FunctionDeclaration function, SyntaxNode at, Token op, ImmutableArray<SyntaxNode> operands, Scope scope)
    {
        var candidates = function.Overloads.Where(o => o.Parameters.Length == operands.Length).ToList();
        return Resolve(function, candidates, at, operands, scope, op);
    }

    /// <summary>
    /// Checks the arguments, picks the first overload whose parameters accept them, and applies its rules for missing
    /// values and its load-time bind step. A predicate (always the last argument, over the list in the first) is
    /// checked with its parameter typed as the list's element.
    /// </summary>
    private Checked? Resolve(FunctionDeclaration function, List<Overload> candidates, SyntaxNode at, ImmutableArray<SyntaxNode> argumentSyntax, Scope scope, Token? op)
    {
        var takesLambda = candidates[0].TakesLambda;
        var count = argumentSyntax.Length;
        var arguments = new CheckedNode?[count];
        var failed = false;
        for (var i = 0; i < count - (takesLambda ? 1 : 0); i++)
        {
            arguments[i] = CheckNode(argumentSyntax[i], scope)?.Node;
            failed |= arguments[i] is null;
        }

        if (failed)
        {
            return null;
        }

        if (takesLambda)
        {
            var list = arguments[0]!;
            if (list.Type.Kind != TypeKind.List)
            {
                return Error(DiagnosticDescriptors.CR3007_ArgumentType, argumentSyntax[0], 1, function.Name, "a list", list.Type.Name);
            }

            if (argumentSyntax[^1] is not LambdaSyntax lambda)
            {
                return Error(DiagnosticDescriptors.CR3011_LambdaExpected, argumentSyntax[^1], count, function.Name);
            }

            // Note: slots are never reused within one expression, so a hoisted value cannot be overwritten by a
            // parameter of a later predicate.
            var slot = AllocateSlot();
            var element = list.Type.Element!;
            var body = CheckNode(lambda.Body, scope.WithParameter(lambda.Parameter, element, slot));
            if (body is null)
            {
                return null;
            }

            arguments[^1] = new LambdaExpr(lambda.Start, lambda.Length, body.Node.Type, lambda.Parameter, slot, element, body.Node);
        }

        ImmutableArray<CheckedNode> checkedArguments = [.. arguments.Select(a => a!)];
        var (overload, bindings) = Match(candidates, checkedArguments);
        if (overload is null)
        {
            return Mismatch(function, candidates, checkedArguments, argumentSyntax, op);
        }

        var propagated = false;
        for (var i = 0; i < count; i++)
        {
            var parameter = overload.Parameters[i];
            var type = checkedArguments[i].Type;
            if (parameter.Type.IsLambda || !type.IsOptional)
            {
                continue;
            }

            switch (parameter.Missing)
            {
                case MissingValues.Reject:
                    _errors.Add(ExpressionError.At(DiagnosticDescriptors.CR3014_MaybeMissing, argumentSyntax[i].Start, argumentSyntax[i].Length,
                        TextOf(argumentSyntax[i]), type.Name, op?.Text ?? function.Name));
                    failed = true;
                    break;
                case MissingValues.Propagate:
                    propagated = true;
                    break;
            }
        }

        if (failed)
        {
            return null;
        }

        object? state = null;
        if (overload.Bind is { } bind)
        {
            state = bind(new BindContext(checkedArguments, scope.Environment, (i, descriptor, args) =>
                _errors.Add(ExpressionError.At(descriptor, argumentSyntax[i].Start, argumentSyntax[i].Length, args))));
            if (ReferenceEquals(state, Overload.BindFailed))
            {
                return null;
            }
        }

        var result = overload.Result(new ResultContext(checkedArguments, bindings) { State = state });
        return Checked.Plain(new CallExpr(at.Start, at.Length, propagated ? result.AsOptional() : result, function, overload, checkedArguments, state));
    }

    private static (Overload? Overload, TypeBindings Bindings) Match(List<Overload> candidates, ImmutableArray<CheckedNode> arguments)
    {
        foreach (var overload in candidates)
        {
            var bindings = new TypeBindings();
            if (MatchedPrefix(overload, arguments, bindings) == arguments.Length)
            {
                return (overload, bindings);
            }
        }

        return (null, new TypeBindings());
    }

    /// <summary>How many leading arguments the overload accepts.</summary>
    private static int MatchedPrefix(Overload overload, ImmutableArray<CheckedNode> arguments, TypeBindings bindings)
    {
        for (var i = 0; i < arguments.Length; i++)
        {
            if (!overload.Parameters[i].Type.Matches(arguments[i].Type, bindings))
            {
                return i;
            }
        }

        return arguments.Length;
    }

    /// <summary>Reports why no overload fits, at the first argument the closest overload refuses.</summary>
    private Checked? Mismatch(FunctionDeclaration function, List<Overload> candidates, ImmutableArray<CheckedNode> arguments, ImmutableArray<SyntaxNode> syntax, Token? op)
    {
        if (op is { } token)
        {
            return arguments.Length == 1
                ? Error(DiagnosticDescriptors.CR3009_UnaryType, new ErrorSyntax(token.Start, syntax[0].End - token.Start), token.Text, arguments[0].Type.Name)
                : Error(DiagnosticDescriptors.CR3005_OperatorTypes, new ErrorSyntax(token.Start, token.Length), token.Text, arguments[0].Type.Name, arguments[1].Type.Name);
        }

        var best = candidates[0];
        var bestBindings = new TypeBindings();
        var bestPrefix = -1;
        foreach (var overload in candidates)
        {
            var bindings = new TypeBindings();
            var prefix = MatchedPrefix(overload, arguments, bindings);
            if (prefix > bestPrefix)
            {
                (best, bestBindings, bestPrefix) = (overload, bindings, prefix);
            }
        }

        var parameter = best.Parameters[bestPrefix];
        if (parameter.Type.IsLambda)
        {
            // A predicate whose body is not a condition.
            var lambda = (LambdaExpr)arguments[bestPrefix];
            var body = ((LambdaSyntax)syntax[bestPrefix]).Body;
            return Error(DiagnosticDescriptors.CR3006_NotBoolean, body, lambda.Body.Type.Name);
        }

        // Note: when several overloads differ in this argument (min of numbers or of dates), the message names all.
        var wanted = candidates.Where(o => MatchedPrefix(o, arguments, new TypeBindings()) >= bestPrefix)
            .Select(o => o.Parameters[bestPrefix].Type.Describe(bestBindings)).Distinct(StringComparer.Ordinal).ToList();
        var described = wanted.Count == 1 ? wanted[0] : string.Join(" or ", wanted);
        return Error(DiagnosticDescriptors.CR3007_ArgumentType, syntax[bestPrefix], bestPrefix + 1, function.Name, described, arguments[bestPrefix].Type.Name);
    }
}
