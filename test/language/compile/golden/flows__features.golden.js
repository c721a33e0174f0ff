// flow "Возможности" compiled by callflow from "features.flow".
// Generated code: do not edit. Defines globalThis.__flows[meta.id] = { meta, start, step, fallback }.
globalThis.__flows = globalThis.__flows || {};
globalThis.__flows["Возможности@3ca3db753657f373"] = (function () {
'use strict';
/* … the prelude, as in prelude.golden.js … */
var $ = $prelude({"language":"uk","currency":"UAH"});
var meta = {"id":"Возможности@3ca3db753657f373","name":"Возможности","flavor":"flow","answers":["0800300401"],"language":"uk","timezone":"Europe/Kyiv","steps":["billing"],"calendars":["business-hours"],"secrets":["pin"],"group":null,"hasFallback":true};
var blocks = {};
blocks["main"] = function (s, input) {
  s.pc = "main#1"; return { type: "data", source: "crm", operation: "lookup", args: [$.get($.value(s, input, "caller"), "number")], loc: { line: 8, column: 3 } };
};
blocks["main#1"] = function (s, input) {
  return $.data(s, input, "customer", "main#2", "main#3");
};
blocks["main#2"] = function (s, input) {
  $.set(s, "vip", (!!(($.v(s, "customer") != null)) && !!($.get($.v(s, "customer"), "vip"))));
  $.set(s, "n", $.jsExpr(s, ["customer","vip","n","twice","contract","account"], function (customer, vip, n, twice, contract, account) { return (
 1 + 2 
); }));
  $.jsBlock(s, ["customer","vip","n","twice","contract","account"], function (customer, vip, n, twice, contract, account) { (function () {

    n = n * 10
    vip = !vip
  
})(); return [customer, vip, n, twice, contract, account]; });
  return $.call(s, "sub greet", ["name","times"], ["Іван", $.v(s, "n")], null, "main#5");
};
var $k1 = $.constant({ type: "say", parts: [{ kind: "text", text: "CRM недоступна" }], bargeIn: false, loc: { line: 9, column: 17 } });
blocks["main#3"] = function (s, input) {
  s.pc = "main#2"; return $k1;
};
blocks["main#5"] = function (s, input) {
  return $.call(s, "sub double", ["x"], [$.v(s, "n")], "twice", "main#6");
};
blocks["main#6"] = function (s, input) {
  s.pc = "main#7"; return { type: "log", fields: $.fields("reason", $.str(["demo ", $.v(s, "twice")])), loc: { line: 18, column: 3 } };
};
blocks["main#7"] = function (s, input) {
  s.pc = (!!($.within(input, "business-hours")) && !!($.ge($.get($.value(s, input, "now"), "hour"), 9))) ? "main#9" : "main#11"; return null;
};
blocks["main#8"] = function (s, input) {
  s.pc = "main#16"; return { type: "data", source: "crm", operation: "logContact", args: [$.get($.value(s, input, "caller"), "number")], loc: { line: 25, column: 3 } };
};
blocks["main#9"] = function (s, input) {
  s.pc = "main#8"; return { type: "say", parts: $.speak(["Відкрито, ", $.v(s, "twice")]), bargeIn: false, loc: { line: 20, column: 5 } };
};
blocks["main#11"] = function (s, input) {
  s.pc = $.v(s, "vip") ? "main#13" : "main#15"; return null;
};
var $k2 = $.constant({ type: "say", parts: [{ kind: "prompt", name: "greeting" }], bargeIn: false, loc: { line: 22, column: 5 } });
blocks["main#13"] = function (s, input) {
  s.pc = "main#8"; return $k2;
};
blocks["main#15"] = function (s, input) {
  s.pc = "$end"; return { type: "transfer", target: "number", destination: $.destination("+380441234567"), loc: { line: 24, column: 5 } };
};
blocks["main#16"] = function (s, input) {
  return $.data(s, input, null, "main#17", "main#18");
};
blocks["main#17"] = function (s, input) {
  delete s.counters["menu main@27:3"];
  s.pc = "main#20"; return null;
};
var $k3 = $.constant({ type: "say", parts: [{ kind: "text", text: "Журнал недоступний" }], bargeIn: false, loc: { line: 26, column: 17 } });
blocks["main#18"] = function (s, input) {
  s.pc = "main#17"; return $k3;
};
var $k4 = $.constant({ type: "collect", prompt: [{ kind: "text", text: "Натисніть 1 або 2" }], min: 1, max: 1, terminator: null, firstTimeoutMs: 4000, interDigitTimeoutMs: 4000, pattern: null, secret: false, validKeys: ["1","2"], loc: { line: 27, column: 3 } });
blocks["main#20"] = function (s, input) {
  s.pc = "main#24"; return $k4;
};
blocks["main#22"] = function (s, input) {
  return $.repeat(s, "menu main@27:3", 2, "main#20", "main#23");
};
blocks["main#23"] = function (s, input) {
  s.pc = "$end"; return { type: "transfer", target: "queue", destination: $.destination("general"), loc: { line: 36, column: 22 } };
};
var $c5 = { "1": "step billing", "2": "main#26" };
blocks["main#24"] = function (s, input) {
  return $.menu(s, input, "menu main@27:3", $c5, "main#22", "main#22");
};
blocks["main#26"] = function (s, input) {
  s.pc = "main#27"; return { type: "queue", queue: "tech-support", priority: $.priority((($.v(s, "vip") ? 10 : 0))), skills: ["internet"], maxWaitMs: 300000, announce: [{ kind: "text", text: "Час очікування " }, { kind: "ewt" }, { kind: "text", text: " хв, Ви " }, { kind: "position" }, { kind: "text", text: "-й." }], announceEveryMs: 45000, music: "default", handlesOverflow: true, loc: { line: 31, column: 7 } };
};
blocks["main#27"] = function (s, input) {
  return $.queue(s, input, "main#29");
};
var $k6 = $.constant({ type: "queue", queue: "general", priority: 0, skills: [], maxWaitMs: null, announce: null, announceEveryMs: null, music: null, handlesOverflow: false, loc: { line: 34, column: 24 } });
blocks["main#29"] = function (s, input) {
  s.pc = "$end"; return $k6;
};
blocks["step billing"] = function (s, input) {
  s.step = "billing";
  delete s.counters["ask contract@39:5"];
  s.pc = "step billing#1"; return null;
};
var $k7 = $.constant({ type: "collect", prompt: [{ kind: "text", text: "Номер договору" }], min: 4, max: 12, terminator: "#", firstTimeoutMs: 7000, interDigitTimeoutMs: 3000, pattern: "^[0-9]+$", secret: false, validKeys: null, loc: { line: 39, column: 5 } });
blocks["step billing#1"] = function (s, input) {
  s.pc = "step billing#5"; return $k7;
};
blocks["step billing#2"] = function (s, input) {
  delete s.counters["ask pin@43:5"];
  s.pc = "step billing#8"; return null;
};
blocks["step billing#3"] = function (s, input) {
  return $.repeat(s, "ask contract@39:5", 2, "step billing#1", "step billing#4");
};
var $k8 = $.constant({ type: "queue", queue: "general", priority: 0, skills: [], maxWaitMs: null, announce: null, announceEveryMs: null, music: null, handlesOverflow: false, loc: { line: 42, column: 24 } });
blocks["step billing#4"] = function (s, input) {
  s.pc = "$end"; return $k8;
};
blocks["step billing#5"] = function (s, input) {
  return $.ask(s, input, "ask contract@39:5", "contract", false, 4, 12, "step billing#2", "step billing#3", "step billing#6");
};
var $k9 = $.constant({ type: "say", parts: [{ kind: "text", text: "Невірний номер" }], bargeIn: false, loc: { line: 41, column: 21 } });
blocks["step billing#6"] = function (s, input) {
  s.pc = "step billing#3"; return $k9;
};
var $k10 = $.constant({ type: "collect", prompt: [{ kind: "text", text: "PIN" }], min: 4, max: 4, terminator: "#", firstTimeoutMs: 5000, interDigitTimeoutMs: 3000, pattern: null, secret: true, validKeys: null, loc: { line: 43, column: 5 } });
blocks["step billing#8"] = function (s, input) {
  s.pc = "step billing#11"; return $k10;
};
blocks["step billing#9"] = function (s, input) {
  s.pc = "step billing#12"; return { type: "data", source: "billing", operation: "balance", args: [$.v(s, "contract"), $.v(s, "pin")], loc: { line: 45, column: 5 } };
};
blocks["step billing#10"] = function (s, input) {
  return $.repeat(s, "ask pin@43:5", 3, "step billing#8", "$fallback");
};
blocks["step billing#11"] = function (s, input) {
  return $.ask(s, input, "ask pin@43:5", "pin", true, 4, 4, "step billing#9", "step billing#10", "step billing#10");
};
blocks["step billing#12"] = function (s, input) {
  return $.data(s, input, "account", "step billing#13", "step billing#14");
};
blocks["step billing#13"] = function (s, input) {
  s.pc = ($.v(s, "account") == null) ? "step billing#16" : "step billing#15"; return null;
};
var $k11 = $.constant({ type: "queue", queue: "general", priority: 0, skills: [], maxWaitMs: null, announce: null, announceEveryMs: null, music: null, handlesOverflow: false, loc: { line: 46, column: 19 } });
blocks["step billing#14"] = function (s, input) {
  s.pc = "$end"; return $k11;
};
blocks["step billing#15"] = function (s, input) {
  s.pc = "step billing#20"; return { type: "say", parts: $.speak(["На рахунку ", $.fn.money($.get($.v(s, "account"), "balance"), $.get($.v(s, "account"), "currency")), ", договір ", $.fn.digits($.v(s, "contract")), "."]), bargeIn: false, loc: { line: 50, column: 5 } };
};
var $k12 = $.constant({ type: "say", parts: [{ kind: "text", text: "Невірні дані" }], bargeIn: false, loc: { line: 48, column: 7 } });
blocks["step billing#16"] = function (s, input) {
  s.pc = "step billing#17"; return $k12;
};
blocks["step billing#17"] = function (s, input) {
  return $.retry(s, "retry billing@49:7", 3, "step billing", "step billing#19");
};
var $k13 = $.constant({ type: "queue", queue: "general", priority: 0, skills: [], maxWaitMs: null, announce: null, announceEveryMs: null, music: null, handlesOverflow: false, loc: { line: 49, column: 43 } });
blocks["step billing#19"] = function (s, input) {
  s.pc = "$end"; return $k13;
};
var $k14 = $.constant({ type: "hangup", loc: { line: 51, column: 5 } });
blocks["step billing#20"] = function (s, input) {
  s.pc = "$end"; return $k14;
};
blocks["sub greet"] = function (s, input) {
  s.pc = "sub greet#1"; return { type: "say", parts: $.speak(["Вітаємо, ", $.v(s, "name"), "! ", $.fn.number($.v(s, "times"))]), bargeIn: false, loc: { line: 54, column: 3 } };
};
blocks["sub greet#1"] = function (s, input) {
  return $.ret(s, null);
};
blocks["sub double"] = function (s, input) {
  return $.ret(s, $.mul($.v(s, "x"), 2));
};
var $k15 = $.constant({ type: "queue", queue: "general", priority: 0, skills: [], maxWaitMs: null, announce: null, announceEveryMs: null, music: null, handlesOverflow: false, loc: { line: 6, column: 15 } });
blocks["$fallback"] = function (s, input) {
  $.unwind(s);
  s.pc = "$end"; return $k15;
};
var $k16 = $.constant({ type: "say", parts: [{ kind: "text", text: "Вибачте, сталася технічна помилка. З'єднуємо Вас з оператором." }], bargeIn: false, loc: { line: 2, column: 6 } });
blocks["$default"] = function (s, input) {
  s.pc = "$default#1"; return $k16;
};
var $k17 = $.constant({ type: "queue", queue: "general", priority: 0, skills: [], maxWaitMs: null, announce: null, announceEveryMs: null, music: null, handlesOverflow: false, loc: { line: 2, column: 6 } });
blocks["$default#1"] = function (s, input) {
  s.pc = "$end"; return $k17;
};
var $k18 = $.constant({ type: "hangup", loc: { line: 2, column: 6 } });
blocks["$end"] = function (s, input) {
  s.pc = "$end"; return $k18;
};
return $.flow(meta, blocks);
})();
