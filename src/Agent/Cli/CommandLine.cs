namespace LineAgent.Agent.Cli;

/// <summary>Dispatches `lineagent VERB …` to the command that implements it.</summary>
public static class CommandLine
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("usage: lineagent <command> [options]");
        return 2;
    }
}
