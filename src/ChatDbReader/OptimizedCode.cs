using System.Reflection;
using System.Runtime.CompilerServices;

namespace LineAgent.ChatDbReader;

/// <summary>
/// Compiles the methods a bulk read marks <see cref="MethodImplOptions.AggressiveOptimization"/> (its per-row code,
/// optimized from the first row) before their first call. They have no precompiled code, so otherwise the thread that
/// first calls one waits while the JIT compiles it: ~50 ms at the start of an export, while the read-ahead thread has
/// filled its batches and waits too. A caller with a core to spare at start-up compiles them there instead.
/// </summary>
public static class OptimizedCode
{
    private const BindingFlags Declared =
        BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;

    /// <summary>Compiles every non-generic method of <paramref name="type"/> marked AggressiveOptimization and runs its
    /// static constructor; returns the methods compiled.</summary>
    public static IReadOnlyList<MethodInfo> Compile(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        RuntimeHelpers.RunClassConstructor(type.TypeHandle);
        var compiled = new List<MethodInfo>();
        foreach (var method in type.GetMethods(Declared))
        {
            if (!IsOptimizedAtOnce(method) || method.ContainsGenericParameters)
                continue;
            RuntimeHelpers.PrepareMethod(method.MethodHandle);
            compiled.Add(method);
        }
        return compiled;
    }

    /// <summary>Compiles <paramref name="type"/>'s generic method <paramref name="name"/> marked AggressiveOptimization
    /// for <paramref name="typeArguments"/>; throws when there is no such method.</summary>
    public static MethodInfo Compile(Type type, string name, params Type[] typeArguments)
    {
        ArgumentNullException.ThrowIfNull(type);
        var definition = type.GetMethods(Declared).SingleOrDefault(m => m.Name == name && m.IsGenericMethodDefinition && IsOptimizedAtOnce(m))
            ?? throw new InvalidOperationException($"{type.Name} has no generic method {name} marked AggressiveOptimization.");
        var method = definition.MakeGenericMethod(typeArguments);
        RuntimeHelpers.PrepareMethod(definition.MethodHandle, [.. typeArguments.Select(t => t.TypeHandle)]);
        return method;
    }

    private static bool IsOptimizedAtOnce(MethodInfo method) =>
        (method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0;
}
