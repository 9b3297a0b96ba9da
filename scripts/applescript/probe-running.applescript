-- Answers "true" or "false": is Messages running? `running` is asked of the application object without telling
-- it anything, so this never launches Messages (a `tell application "Messages"` block would).
--   argv: {}
on run argv
	if (count of argv) is not 0 then error "probe-running expects no arguments, got " & (count of argv) & "." number -1708
	return (application id "com.apple.MobileSMS" is running) as text
end run
