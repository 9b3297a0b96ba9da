using LineAgent.Agent.Operations;

namespace LineAgent.Agent.Tests.Operations;

/// <summary>Records every argv and answers from canned rules (first match wins); unmatched commands "do not exist".</summary>
internal sealed class FakeCommandRunner : ICommandRunner
{
    private readonly List<(Func<string, IReadOnlyList<string>, bool> Match, Func<CommandResult> Result)> _rules = [];

    public List<string[]> Calls { get; } = [];

    /// <summary>Answers calls whose program ends with <paramref name="program"/> and whose argv starts with <paramref name="argsPrefix"/>.</summary>
    public FakeCommandRunner On(string program, string[] argsPrefix, CommandResult result) =>
        On(program, argsPrefix, () => result);

    public FakeCommandRunner On(string program, string[] argsPrefix, Func<CommandResult> result)
    {
        _rules.Add(((p, a) => p.EndsWith(program, StringComparison.Ordinal) && a.Count >= argsPrefix.Length && a.Take(argsPrefix.Length).SequenceEqual(argsPrefix), result));
        return this;
    }

    public static CommandResult Ok(string stdout = "") => new(0, stdout, "");
    public static CommandResult Exit(int code, string stderr = "") => new(code, "", stderr);

    public Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        lock (Calls) Calls.Add([program, .. arguments]);
        foreach (var (match, result) in _rules)
            if (match(program, arguments)) return Task.FromResult(result());
        return Task.FromResult(CommandResult.NotStarted($"no such program in the fake: {program}"));
    }

    /// <summary>The recorded calls as "program arg arg" lines, program reduced to its file name.</summary>
    public IReadOnlyList<string> CallLines() =>
        Calls.Select(c => string.Join(' ', [Path.GetFileName(c[0]), .. c.Skip(1)])).ToList();
}
