using LineAgent.Bench;

// dotnet run -c Release --project bench/Bench -- <name> [options]. One line per benchmark.
return args.Length == 0 ? Usage() : args[0] switch
{
    "typedstream" => TypedStreamBench.Run(args[1..]),
    "export" => ExportBench.Run(args[1..]),
    "export-layers" => ExportBench.Layers(args[1..]),
    "export-raw-scan" => ExportBench.RawScanProcess(args[1..]),
    "feed" => await FeedBench.RunAsync(args[1..]),
    "grpc" => GrpcBench.Run(args[1..]),
    "grpc-stalled" => await StalledStreamsBench.RunAsync(args[1..]),
    "grpc-serve" => await StalledStreamsBench.ServeAsync(args[1..]),
    "send" => await SendBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project bench/Bench -- <name> [options]
          typedstream   attributedBody decoding, bodies per CPU-second
          export        lineagent export (shipped program, into a pipe) vs a raw scan and the peer reader; PASS/FAIL
          feed          chat.db commit → journal latency at 1/100/1000 msg/s, 10,000-row burst, idle CPU
          grpc          journal replay events/s to 1, 8 and 64 clients; chat.db commit → client latency
          grpc-stalled  agent RSS with 64 StreamEvents clients that never read (separate agent process)
          send          send pipeline overhead per send (p50/p99) and sends/s
        """);
    return 2;
}
