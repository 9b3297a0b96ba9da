using LineAgent.Bench;

// dotnet run -c Release --project bench/Bench -- <name> [options]
return args.Length == 0 ? Usage() : args[0] switch
{
    "typedstream" => TypedStreamBench.Run(args[1..]),
    "export" => ExportBench.Run(args[1..]),
    "grpc" => GrpcBench.Run(args[1..]),
    "feed" => await FeedBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Bench <name> [options]   names: typedstream, export, grpc [--events N] [--rate MSG_PER_S] [--seconds S], feed [--rows N] [--idle-seconds S]");
    return 2;
}
