using LineAgent.Bench;

// dotnet run -c Release --project bench/Bench -- <name> [options]. One line per benchmark.
return args.Length == 0 ? Usage() : args[0] switch
{
    "typedstream" => TypedStreamBench.Run(args[1..]),
    "export" => ExportBench.Run(args[1..]),
    "grpc" => GrpcBench.Run(args[1..]),
    "feed" => await FeedBench.RunAsync(args[1..]),
    "send" => await SendBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Bench -- <benchmark> [options]\n\nbenchmarks:\n"
        + "  typedstream, export\n"
        + "  grpc [--events N] [--rate MSG_PER_S] [--seconds S]   gRPC event stream\n"
        + "  feed [--rows N] [--idle-seconds S]                    chat.db change feed latency, burst, idle cost\n"
        + "  send [--count N] [--warmup N]                         send pipeline overhead per send (p50/p99), sends/s");
    return 2;
}
