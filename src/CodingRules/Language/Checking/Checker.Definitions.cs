using System.Collections.Immutable;
using CodingRules.Diagnostics;
using CodingRules.Language.Syntax;

namespace CodingRules.Language.Checking;

/// <summary>Named definitions: a value or a function, checked where it is used.</summary>
internal sealed partial class Checker
{
    /// <summary>
    /// Checks a use of <paramref name="definition"/>: its body in a scope of its own (the host's variables, constants
    /// and definitions of the use's environment, and the function's parameters typed as the arguments), never the
    /// predicate parameters or guards around the use. Errors inside the body carry the definition as their origin.
    /// </summary>
    private Checked? CheckDefinition(ExpressionDefinition definition, SyntaxNode at, ImmutableArray<SyntaxNode> argumentSyntax, Scope scope)
    {
        if (_definitionsBeingChecked.Contains(definition.Name))
        {
            var chain = string.Join(" -> ", _definitionsBeingChecked.Reverse().Append(definition.Name));
            return Error(DiagnosticDescriptors.CR3017_DefinitionCycle, at, definition.Name, chain);
        }

        var nesting = _definitionsBeingChecked.Count();
        if (nesting >= MaxDefinitionNesting)
        {
            var chain = string.Join(" -> ", _definitionsBeingChecked.Reverse().Append(definition.Name));
            return Error(DiagnosticDescriptors.CR3020_DefinitionsTooDeep, at, MaxDefinitionNesting, chain);
        }

        if (argumentSyntax.Length != definition.Parameters.Length)
        {
            return Error(DiagnosticDescriptors.CR3004_ArgumentCount, at, definition.Name,
                definition.Parameters.Length == 1 ? "1 argument" : $"{definition.Parameters.Length} arguments", argumentSyntax.Length);
        }

        var arguments = ImmutableArray.CreateBuilder<CheckedNode>();
        var slots = ImmutableArray.CreateBuilder<int>();
        var bodyScope = Scope.Of(scope.Environment);
        foreach (var (argument, parameter) in argumentSyntax.Zip(definition.Parameters))
        {
            if (argument is LambdaSyntax)
            {
                return Error(DiagnosticDescriptors.CR3016_LambdaOutsideCall, argument);
            }

            var checkedArgument = CheckNode(argument, scope);
            if (checkedArgument is null)
            {
                return null;
            }

            var slot = AllocateSlot();
            arguments.Add(checkedArgument.Node);
            slots.Add(slot);
            bodyScope = bodyScope.WithParameter(parameter, checkedArgument.Node.Type, slot);
        }

        var bodyErrors = new List<ExpressionError>();
        var inner = new Checker(definition.Text, bodyErrors, _nextSlot, _definitionsBeingChecked.Push(definition.Name), _size);
        var body = inner.CheckNode(definition.Syntax, bodyScope);
        _nextSlot = inner._nextSlot;
        foreach (var error in bodyErrors)
        {
            // An error found inside another definition already has that one as its origin.
            _errors.Add(error.Origin is null ? error with { Origin = definition.Origin ?? definition } : error);
        }

        if (body is null || bodyErrors.Count > 0)
        {
            return null;
        }

        CheckedNode node = definition.Parameters.IsEmpty
            ? new DefinitionExpr(at.Start, at.Length, body.Node.Type, definition.Name, definition.CacheIndex, body.Node)
            : new InlineCallExpr(at.Start, at.Length, body.Node.Type, definition.Name, arguments.ToImmutable(), slots.ToImmutable(), body.Node);

        // What the body proves about its parameters is not carried out; a value's guards prove nothing outside it.
        return Checked.Plain(node);
    }
}
