using System.Diagnostics;
using LineAgent.ChatDbReader.Bodies;
using LineAgent.ChatDbReader.TypedStream;
using LineAgent.FakeChatDb;

namespace LineAgent.Bench;

/// <summary>
/// <c>typedstream</c>: attributedBody decode throughput on one core. Target: ≥ 1,000,000 typical bodies/s
/// (a short text with one run, as Messages writes most bodies).
/// Options: <c>--seconds N</c> (per measurement, default 3), <c>--corpus DIR</c> (default: shared/corpus/typedstream
/// found above the repository).
/// </summary>
internal static class TypedStreamBench
{
    public static int Run(string[] args)
    {
        var seconds = 3.0;
        string? corpus = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds" when i + 1 < args.Length && double.TryParse(args[i + 1], out var s) && s > 0:
                    seconds = s;
                    i++;
                    break;
                case "--corpus" when i + 1 < args.Length:
                    corpus = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"typedstream: unknown option '{args[i]}'");
                    Console.Error.WriteLine("usage: typedstream [--seconds N] [--corpus DIR]");
                    return 2;
            }
        }

        PinToOneCore();
        Console.WriteLine($"typedstream bench: one thread, {seconds:0.#} s per measurement, {Environment.ProcessorCount} CPU(s) visible");

        var typical = TypicalBodies();
        Measure("typical bodies  TypedStreamDecoder.Decode", typical, seconds, static b => TypedStreamDecoder.Decode(b).Runs.Count);
        Measure("typical bodies  MessageBodyDecoder.Decode", typical, seconds, static b => MessageBodyDecoder.Decode(b, null, out _)!.Parts.Count);

        corpus ??= FindCorpus();
        if (corpus is null)
        {
            Console.WriteLine("corpus: not found (pass --corpus DIR); skipped");
            return 0;
        }

        var bodies = CorpusBodies(corpus);
        Measure($"corpus ({bodies.Length} real bodies) TypedStreamDecoder.Decode", bodies, seconds, static b => TypedStreamDecoder.Decode(b).Runs.Count);
        Measure($"corpus ({bodies.Length} real bodies) MessageBodyDecoder.Decode", bodies, seconds, static b => MessageBodyDecoder.Decode(b, null, out _)!.Parts.Count);
        return 0;
    }

    private static void Measure(string name, byte[][] inputs, double seconds, Func<byte[], int> decode)
    {
        // Warm-up so tiered JIT reaches optimized code before timing.
        RunFor(inputs, 2, decode);
        GC.Collect();

        // Five rounds: on a shared machine a round can lose its core for a while, so report the median and the best.
        const int rounds = 5;
        var wallRates = new double[rounds];
        var cpuRates = new double[rounds];
        long totalCount = 0, totalBytes = 0, gcBefore = GC.CollectionCount(0);
        double totalCpu = 0, totalWall = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var process = Process.GetCurrentProcess();
        for (var round = 0; round < rounds; round++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var (count, bytes, elapsed) = RunFor(inputs, seconds / rounds, decode);
            process.Refresh();
            // CPU time includes the process's GC/JIT threads, so the per-CPU-second rate is not flattering; it is
            // what one core delivers while it runs this thread, whatever else shares the machine.
            var cpu = Math.Max((process.TotalProcessorTime - cpuBefore).TotalSeconds, 1e-9);
            wallRates[round] = count / elapsed.TotalSeconds;
            cpuRates[round] = count / cpu;
            totalCount += count;
            totalBytes += bytes;
            totalCpu += cpu;
            totalWall += elapsed.TotalSeconds;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Array.Sort(wallRates);
        Array.Sort(cpuRates);
        Console.WriteLine(
            $"{name,-58} per cpu-s: median {cpuRates[rounds / 2],11:N0}/s best {cpuRates[^1],11:N0}/s | " +
            $"wall: median {wallRates[rounds / 2],10:N0}/s ({totalCpu / totalWall:P0} of a core) | " +
            $"{totalBytes / totalCpu / 1e6,5:N0} MB/cpu-s  {allocated / (double)totalCount,5:N0} B/body  " +
            $"{GC.CollectionCount(0) - gcBefore} gen0");
    }

    private static (long Count, long Bytes, TimeSpan Elapsed) RunFor(byte[][] inputs, double seconds, Func<byte[], int> decode)
    {
        var sink = 0;
        long count = 0, bytes = 0;
        var stopwatch = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(seconds);
        while (stopwatch.Elapsed < limit)
        {
            // Check the clock once per batch of 4096 decodes so timing overhead stays out of the figure.
            for (var i = 0; i < 4096; i++)
            {
                var input = inputs[(int)(count % inputs.Length)];
                sink += decode(input);
                bytes += input.Length;
                count++;
            }
        }

        GC.KeepAlive(sink);
        return (count, bytes, stopwatch.Elapsed);
    }

    /// <summary>Short one-run bodies as Messages writes them (NSMutableAttributedString, part 0), 10–80 characters.</summary>
    private static byte[][] TypicalBodies()
    {
        string[] texts =
        [
            "ok", "On my way!", "See you at 7 at the usual place", "Can you pick up milk on the way home?",
            "lol 😂", "Sounds good 👍", "Running 10 min late, sorry!!", "Happy birthday!! 🎉🎂 Hope you have a great day",
            "Did you see the game last night? Unbelievable finish", "Your code is 481516. Do not share it.",
            "Meeting moved to 3pm tomorrow, conference room B", "thanks!", "What time does the store close today?",
            "I'll call you back in 5", "Love you ❤️", "Where are you parked?",
        ];
        return [.. texts.Select(t => TypedStreamEncoder.Encode(t))];
    }

    private static byte[][] CorpusBodies(string folder)
    {
        var result = new List<byte[]>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(folder, "crabstep", "src", "test_data")).Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(file);
            try
            {
                TypedStreamDecoder.Decode(bytes);
                result.Add(bytes); // only bodies that decode (skips ExtraData and the non-body HugeWithRefs)
            }
            catch (TypedStreamFormatException)
            {
            }
        }

        return [.. result];
    }

    private static string? FindCorpus()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus", "typedstream");
            if (Directory.Exists(Path.Combine(candidate, "crabstep")))
            {
                return candidate;
            }
        }

        return null;
    }

    private static void PinToOneCore()
    {
        try
        {
            if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
            {
                Process.GetCurrentProcess().ProcessorAffinity = 1;
                Console.WriteLine("pinned to CPU 0");
            }
        }
        catch (Exception ex) when (ex is PlatformNotSupportedException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Console.WriteLine($"could not pin to one CPU ({ex.GetType().Name}); single-threaded anyway");
        }
    }
}
