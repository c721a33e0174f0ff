// flow "Маршрутизация: VIP и часы работы" compiled by callflow from "vip-and-hours.flow".
// Generated code: do not edit. Defines globalThis.__flows[meta.id] = { meta, start, step, fallback }.
globalThis.__flows = globalThis.__flows || {};
globalThis.__flows["Маршрутизация: VIP и часы работы@4d217773c68e9320"] = (function () {
'use strict';
/* … the prelude, as in prelude.golden.js … */
var $ = $prelude({"language":"ru","currency":"UAH"});
var meta = {"id":"Маршрутизация: VIP и часы работы@4d217773c68e9320","name":"Маршрутизация: VIP и часы работы","flavor":"flow","answers":["0800300400","0800300500"],"language":"ru","timezone":"Europe/Kyiv","steps":["regular"],"calendars":["support-hours"],"secrets":[],"group":null,"hasFallback":true};
var blocks = {};
blocks["main"] = function (s, input) {
  s.pc = "main#1"; return { type: "data", source: "customers", operation: "byPhone", args: [$.get($.value(s, input, "caller"), "number")], loc: { line: 10, column: 3 } };
};
blocks["main#1"] = function (s, input) {
  return $.data(s, input, "customer", "main#2", "step regular");
};
blocks["main#2"] = function (s, input) {
  s.pc = (!!(($.v(s, "customer") != null)) && !!($.get($.v(s, "customer"), "vip"))) ? "main#5" : "step regular"; return null;
};
blocks["main#5"] = function (s, input) {
  return $.call(s, "sub greetVip", ["name"], [$.get($.v(s, "customer"), "name")], null, "main#6");
};
var $k1 = $.constant({ type: "queue", queue: "general", priority: $.priority(10), skills: ["vip"], maxWaitMs: null, announce: [{ kind: "text", text: "Ваш звонок очень важен для нас. Ожидайте, пожалуйста." }], announceEveryMs: 45000, music: null, handlesOverflow: false, loc: { line: 14, column: 5 } });
blocks["main#6"] = function (s, input) {
  s.pc = "$end"; return $k1;
};
blocks["step regular"] = function (s, input) {
  s.step = "regular";
  s.pc = !($.within(input, "support-hours")) ? "step regular#2" : "step regular#1"; return null;
};
blocks["step regular#1"] = function (s, input) {
  s.pc = $.eq($.value(s, input, "dialled"), "0800300400") ? "step regular#5" : "step regular#7"; return null;
};
var $k2 = $.constant({ type: "say", parts: [{ kind: "text", text: "Вы позвонили в нерабочее время. Мы работаем с понедельника по пятницу с 9 до 18 и в субботу с 10 до 15." }], bargeIn: false, loc: { line: 20, column: 7 } });
blocks["step regular#2"] = function (s, input) {
  s.pc = "step regular#3"; return $k2;
};
var $k3 = $.constant({ type: "hangup", loc: { line: 21, column: 7 } });
blocks["step regular#3"] = function (s, input) {
  s.pc = "$end"; return $k3;
};
blocks["step regular#4"] = function (s, input) {
  s.pc = "$end"; return { type: "queue", queue: "general", priority: $.priority((($.ge($.get($.value(s, input, "now"), "hour"), 17) ? 5 : 0))), skills: [], maxWaitMs: null, announce: null, announceEveryMs: null, music: null, handlesOverflow: false, loc: { line: 29, column: 5 } };
};
var $k4 = $.constant({ type: "say", parts: [{ kind: "text", text: "Добрый день, компания “АВС Интернет”, спасибо за звонок." }], bargeIn: false, loc: { line: 23, column: 7 } });
blocks["step regular#5"] = function (s, input) {
  s.pc = "step regular#4"; return $k4;
};
blocks["step regular#7"] = function (s, input) {
  s.pc = $.eq($.value(s, input, "dialled"), "0800300500") ? "step regular#9" : "step regular#11"; return null;
};
var $k5 = $.constant({ type: "say", parts: [{ kind: "text", text: "Добрый день! Вы позвонили на линию для бизнес-клиентов." }], bargeIn: false, loc: { line: 25, column: 7 } });
blocks["step regular#9"] = function (s, input) {
  s.pc = "step regular#4"; return $k5;
};
var $k6 = $.constant({ type: "say", parts: [{ kind: "text", text: "Добрый день!" }], bargeIn: false, loc: { line: 27, column: 7 } });
blocks["step regular#11"] = function (s, input) {
  s.pc = "step regular#4"; return $k6;
};
blocks["sub greetVip"] = function (s, input) {
  s.pc = "sub greetVip#1"; return { type: "say", parts: $.speak(["Здравствуйте, ", $.v(s, "name"), "! Соединяем Вас с персональным менеджером."]), bargeIn: false, loc: { line: 33, column: 3 } };
};
blocks["sub greetVip#1"] = function (s, input) {
  s.pc = "sub greetVip#2"; return { type: "log", fields: $.fields("vip", true), loc: { line: 34, column: 3 } };
};
blocks["sub greetVip#2"] = function (s, input) {
  return $.ret(s, null);
};
var $k7 = $.constant({ type: "queue", queue: "general", priority: 0, skills: [], maxWaitMs: null, announce: null, announceEveryMs: null, music: null, handlesOverflow: false, loc: { line: 8, column: 15 } });
blocks["$fallback"] = function (s, input) {
  $.unwind(s);
  s.pc = "$end"; return $k7;
};
var $k8 = $.constant({ type: "say", parts: [{ kind: "text", text: "Извините, произошла техническая ошибка. Соединяем Вас с оператором." }], bargeIn: false, loc: { line: 4, column: 6 } });
blocks["$default"] = function (s, input) {
  s.pc = "$default#1"; return $k8;
};
var $k9 = $.constant({ type: "queue", queue: "general", priority: 0, skills: [], maxWaitMs: null, announce: null, announceEveryMs: null, music: null, handlesOverflow: false, loc: { line: 4, column: 6 } });
blocks["$default#1"] = function (s, input) {
  s.pc = "$end"; return $k9;
};
var $k10 = $.constant({ type: "hangup", loc: { line: 4, column: 6 } });
blocks["$end"] = function (s, input) {
  s.pc = "$end"; return $k10;
};
return $.flow(meta, blocks);
})();
