return LineAgent.Agent.Cli.CommandLine.Run(args);
