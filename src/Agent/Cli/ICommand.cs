namespace LineAgent.Agent.Cli;

/// <summary>One `lineagent` verb. Implementations live in Cli/Commands, one file each.</summary>
public interface ICommand
{
    /// <summary>The verb as typed (kebab-case), e.g. "export".</summary>
    string Name { get; }

    /// <summary>One line for `lineagent help`.</summary>
    string Summary { get; }

    /// <summary>Full usage text with flags and examples, printed on bad arguments and by `lineagent help VERB`.</summary>
    string Usage { get; }

    /// <summary>Runs the verb with the arguments after it. Returns the process exit code (2 = bad arguments).</summary>
    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
