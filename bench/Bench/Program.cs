using LineAgent.Bench;

// dotnet run -c Release --project bench/Bench -- <name> [options]
return args.FirstOrDefault() switch
{
    "export" => ExportBench.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Bench <name> [options]\n\nbenchmarks:\n  export   chat.db → JSON Lines throughput, memory, ratio to a raw SELECT");
    return 2;
}
